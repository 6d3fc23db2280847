// Tests the command-bar script (solution/WebResources/adv_/scripts/advocacy.js) against a stub Xrm, in a fresh VM
// context per case, as the browser loads it: no modules, one global Advocacy namespace.
// Usage: node commands.test.js <script> [function names the ribbon calls, e.g. Advocacy.Commands.runSweepNow ...]
// Run by CommandScriptTests (MSTest); prints one line per case and exits non-zero on the first failure.
"use strict";
const assert = require("node:assert/strict");
const fs = require("node:fs");
const vm = require("node:vm");

const [scriptPath, ...ribbonFunctions] = process.argv.slice(2);
const source = fs.readFileSync(scriptPath, "utf8");

/**
 * A stub Xrm: execute answers from a queue (a value, or an Error to reject with); every call is recorded. With a
 * languageId the stub also has Utility.getGlobalContext().userSettings (a client without it reads English).
 */
function load(answers, languageId) {
    const log = { requests: [], alerts: [], progress: [], refreshed: 0 };
    const queue = answers.slice();
    const Xrm = {
        WebApi: {
            online: {
                execute(request) {
                    log.requests.push(request);
                    const answer = queue.shift();
                    if (answer === undefined) return Promise.reject(new Error("stub: no answer left"));
                    if (answer instanceof Error) return Promise.reject(answer);
                    if (answer.status) return Promise.resolve({ ok: false, status: answer.status, json: () => Promise.resolve({}) });
                    return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(answer) });
                },
            },
        },
        Navigation: {
            openAlertDialog(strings) {
                log.alerts.push(strings);
                return Promise.resolve({});
            },
        },
        Utility: {
            showProgressIndicator(text) { log.progress.push("show:" + text); },
            closeProgressIndicator() { log.progress.push("close"); },
        },
    };
    if (languageId !== undefined) {
        Xrm.Utility.getGlobalContext = () => ({ userSettings: { languageId } });
    }
    const context = vm.createContext({ Xrm });
    vm.runInContext(source, context, { filename: scriptPath });
    return { Advocacy: context.Advocacy, log, queue };
}

function form(id) {
    return {
        data: {
            entity: { getId: () => id },
            refresh(save) { form.refreshedWith = save; form.refreshes = (form.refreshes || 0) + 1; return Promise.resolve(); },
        },
    };
}

const cases = [];
function test(name, body) { cases.push({ name, body }); }

test("every function the ribbon names exists", async () => {
    const { Advocacy } = load([]);
    assert.ok(ribbonFunctions.length > 0, "the test was given the ribbon's function names");
    for (const name of ribbonFunctions) {
        const fn = name.split(".").reduce((o, k) => (o ? o[k] : undefined), { Advocacy });
        assert.equal(typeof fn, "function", name);
    }
});

test("Assign advocate now calls adv_AssignAdvocate with the account, shows the reason and reloads the form", async () => {
    const { Advocacy, log } = load([{ Changed: true, Reason: "Lee Park: logistics specialist, 3 of 25 accounts." }]);
    const control = form("{3F2504E0-4F89-41D3-9A0C-0305E82C3301}");
    await Advocacy.Commands.assignAdvocateNow(control);

    assert.equal(log.requests.length, 1);
    const request = log.requests[0];
    const metadata = request.getMetadata();
    assert.equal(metadata.operationName, "adv_AssignAdvocate");
    assert.equal(metadata.operationType, 0, "an action");
    assert.equal(metadata.boundParameter, null, "unbound");
    assert.deepEqual(JSON.parse(JSON.stringify(metadata.parameterTypes)), { Account: { typeName: "mscrm.account", structuralProperty: 5 } });
    assert.deepEqual(JSON.parse(JSON.stringify(request.Account)), { entityType: "account", id: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" });
    assert.equal(log.alerts.length, 1);
    assert.equal(log.alerts[0].text, "The advocate changed. Lee Park: logistics specialist, 3 of 25 accounts.");
    assert.equal(form.refreshes, 1);
    assert.equal(form.refreshedWith, false, "reload without saving the user's unsaved changes");
    form.refreshes = 0;
});

test("Assign advocate now on an unchanged advocate says so and does not reload", async () => {
    const { Advocacy, log } = load([{ Changed: false, Reason: "Dana Ruiz stays: still eligible." }]);
    form.refreshes = 0;
    await Advocacy.Commands.assignAdvocateNow(form("{3F2504E0-4F89-41D3-9A0C-0305E82C3301}"));
    assert.equal(log.alerts[0].text, "The advocate did not change. Dana Ruiz stays: still eligible.");
    assert.equal(form.refreshes, 0);
});

test("Assign advocate now on an unsaved account calls nothing and asks to save", async () => {
    const { Advocacy, log } = load([]);
    await Advocacy.Commands.assignAdvocateNow(form(""));
    assert.equal(log.requests.length, 0);
    assert.match(log.alerts[0].text, /^Save the account first/);
});

test("a refused call shows the platform's message instead of failing silently", async () => {
    const { Advocacy, log } = load([new Error("Principal user is missing prvCreateadv_Advocate privilege.")]);
    form.refreshes = 0;
    await Advocacy.Commands.assignAdvocateNow(form("{3F2504E0-4F89-41D3-9A0C-0305E82C3301}"));
    assert.equal(log.alerts[0].text, "It did not work: Principal user is missing prvCreateadv_Advocate privilege.");
    assert.equal(form.refreshes, 0);
});

test("an HTTP error answer is reported with its status", async () => {
    const { Advocacy, log } = load([{ status: 500 }]);
    await Advocacy.Commands.recountLoad(null);
    assert.equal(log.alerts[0].text, "It did not work: adv_RecountAdvocateLoad failed (HTTP 500).");
    assert.deepEqual(log.progress.slice(-1), ["close"]);
});

test("Recount load calls adv_RecountAdvocateLoad without parameters, shows the counts and refreshes the list", async () => {
    const { Advocacy, log } = load([{ AdvocatesChecked: 12, AdvocatesCorrected: 1, AccountsCounted: 230 }]);
    let refreshed = 0;
    await Advocacy.Commands.recountLoad({ refresh: () => { refreshed++; } });
    const metadata = log.requests[0].getMetadata();
    assert.equal(metadata.operationName, "adv_RecountAdvocateLoad");
    assert.equal(metadata.operationType, 0);
    assert.deepEqual(JSON.parse(JSON.stringify(metadata.parameterTypes)), {});
    assert.equal(log.alerts[0].text, "Checked 12 advocate profiles; corrected 1 count; 230 active accounts have an advocate.");
    assert.equal(refreshed, 1);
    assert.deepEqual(log.progress, ["show:Recounting advocate load…", "close"]);
});

test("Recount load calls again while accounts are left to share and sums what each call shared", async () => {
    const { Advocacy, log } = load([
        { AdvocatesChecked: 3, AdvocatesCorrected: 3, AccountsCounted: 2500, AccountsShared: 1000, AccountsLeftToShare: 1500 },
        { AdvocatesChecked: 3, AdvocatesCorrected: 0, AccountsCounted: 2500, AccountsShared: 1000, AccountsLeftToShare: 500 },
        { AdvocatesChecked: 3, AdvocatesCorrected: 0, AccountsCounted: 2500, AccountsShared: 500, AccountsLeftToShare: 0 },
    ]);
    await Advocacy.Commands.recountLoad(null);
    assert.equal(log.requests.length, 3);
    assert.equal(log.alerts[0].text, "Checked 3 advocate profiles; corrected 0 counts; 2500 active accounts have an advocate. Shared 2500 accounts with their advocates and stand-ins.");
    assert.deepEqual(log.progress, ["show:Recounting advocate load…", "close"]);
});

test("Recount load stops after MaxSweepCalls calls and says what is left", async () => {
    const answers = [];
    const { Advocacy: probe } = load([]);
    for (let i = 0; i < probe.Commands.MaxSweepCalls + 1; i++) {
        answers.push({ AdvocatesChecked: 1, AdvocatesCorrected: 0, AccountsCounted: 1, AccountsShared: 1, AccountsLeftToShare: 9 });
    }
    const { Advocacy, log } = load(answers);
    await Advocacy.Commands.recountLoad(null);
    assert.equal(log.requests.length, probe.Commands.MaxSweepCalls);
    assert.match(log.alerts[0].text, /9 accounts are still to share: run the recount again\.$/);
});

test("Run sweep now passes each continuation to the next call until the sweep is complete", async () => {
    const { Advocacy, log } = load([
        { Created: 1000, Remaining: -1, NextContinuation: "t1", Summary: "Created 1000." },
        { Created: 1000, Remaining: 7, NextContinuation: "t2", Summary: "Created 1000." },
        { Created: 7, Remaining: 0, NextContinuation: "", Summary: "Created 7; the sweep is complete." },
    ]);
    await Advocacy.Commands.runSweepNow();

    assert.equal(log.requests.length, 3);
    assert.deepEqual(log.requests.map((r) => r.Continuation), [undefined, "t1", "t2"], "the first call starts a sweep");
    for (const request of log.requests) {
        const metadata = request.getMetadata();
        assert.equal(metadata.operationName, "adv_RunProactiveSweep");
        assert.deepEqual(JSON.parse(JSON.stringify(metadata.parameterTypes)), { Continuation: { typeName: "Edm.String", structuralProperty: 1 } });
    }
    assert.equal(log.alerts.length, 1);
    assert.equal(log.alerts[0].text, "Created 2007 proactive check-ins. Created 7; the sweep is complete.");
    assert.deepEqual(log.progress, ["show:Raising due proactive check-ins…", "close"]);
});

test("Run sweep now stops after its call limit and says that more remain", async () => {
    const limit = load([]).Advocacy.Commands.MaxSweepCalls;
    const { Advocacy, log } = load(Array.from({ length: limit + 5 }, (_, i) => ({ Created: 1, NextContinuation: "t" + i, Summary: "…" })));
    await Advocacy.Commands.runSweepNow();
    assert.equal(log.requests.length, limit);
    assert.equal(log.alerts[0].text, `Created ${limit} proactive check-ins. … More due accounts remain: run the sweep again.`);
});

test("a sweep that fails half-way says how many check-ins were already created", async () => {
    const { Advocacy, log } = load([{ Created: 1000, NextContinuation: "t1" }, new Error("The plug-in execution failed.")]);
    await Advocacy.Commands.runSweepNow();
    assert.equal(log.alerts[0].text, "It did not work: 1000 check-ins were created before: The plug-in execution failed.");
    assert.deepEqual(log.progress.slice(-1), ["close"]);
});

test("Assign advocate now shows the reason worded for the caller when the API gives one", async () => {
    const { Advocacy, log } = load([{ Changed: true, Reason: "chose Lee Park: lowest load 3/20", ReasonText: "Lee Park gewählt: geringste Auslastung 3/20" }], 1033);
    await Advocacy.Commands.assignAdvocateNow(form("{3F2504E0-4F89-41D3-9A0C-0305E82C3301}"));
    assert.equal(log.alerts[0].text, "The advocate changed. Lee Park gewählt: geringste Auslastung 3/20");
    form.refreshes = 0;
});

test("a German reader gets every dialog in German", async () => {
    const assign = load([{ Changed: false, Reason: "kept Lee Park: current advocate, 3/20 accounts", ReasonText: "Lee Park behalten: bisheriger Kundenfürsprecher, 3/20 Firmen" }], 1031);
    await assign.Advocacy.Commands.assignAdvocateNow(form("{3F2504E0-4F89-41D3-9A0C-0305E82C3301}"));
    assert.deepEqual(JSON.parse(JSON.stringify(assign.log.alerts[0])),
        { title: "Kundenfürsprecher zuweisen", text: "Der Kundenfürsprecher hat sich nicht geändert. Lee Park behalten: bisheriger Kundenfürsprecher, 3/20 Firmen" });

    const unsaved = load([], 1031);
    await unsaved.Advocacy.Commands.assignAdvocateNow(form(""));
    assert.equal(unsaved.log.alerts[0].text, "Speichern Sie die Firma zuerst: Ein Kundenfürsprecher wird für eine gespeicherte Firma gewählt.");

    const recount = load([{ AdvocatesChecked: 1, AdvocatesCorrected: 2, AccountsCounted: 1, AccountsShared: 1, AccountsLeftToShare: 0 }], 1031);
    await recount.Advocacy.Commands.recountLoad(null);
    assert.equal(recount.log.alerts[0].title, "Auslastung neu zählen");
    assert.equal(recount.log.alerts[0].text,
        "1 Kundenfürsprecher-Profil geprüft; 2 Anzahlen korrigiert; 1 aktive Firma hat einen Kundenfürsprecher. 1 Firma für ihre Kundenfürsprecher und deren Vertretungen freigegeben.");
    assert.deepEqual(recount.log.progress, ["show:Die Auslastung wird neu gezählt …", "close"]);

    const left = load([{ AdvocatesChecked: 3, AdvocatesCorrected: 0, AccountsCounted: 5, AccountsShared: 0, AccountsLeftToShare: 2 }].concat(
        Array.from({ length: 60 }, () => ({ AdvocatesChecked: 3, AdvocatesCorrected: 0, AccountsCounted: 5, AccountsShared: 0, AccountsLeftToShare: 2 }))), 1031);
    await left.Advocacy.Commands.recountLoad(null);
    assert.match(left.log.alerts[0].text, / 2 Firmen sind noch freizugeben: Führen Sie die Neuzählung erneut aus\.$/);

    const sweep = load([{ Created: 3, NextContinuation: "t1", Summary: "Created 3." }, { Created: 1, NextContinuation: "", Summary: "1 check-in task created; the sweep is complete." }], 1031);
    await sweep.Advocacy.Commands.runSweepNow();
    assert.deepEqual(JSON.parse(JSON.stringify(sweep.log.alerts[0])), { title: "Proaktiver Durchlauf", text: "4 proaktive Check-ins erstellt." }, "the English summary is left out");

    const failing = load([{ Created: 1, NextContinuation: "t1" }, { status: 503 }], 1031);
    await failing.Advocacy.Commands.runSweepNow();
    assert.equal(failing.log.alerts[0].text, "Das hat nicht geklappt: 1 Check-in wurde zuvor erstellt: adv_RunProactiveSweep ist fehlgeschlagen (HTTP 503).");
});

test("every text the script words has its German, and every German entry is used", async () => {
    const { Advocacy } = load([]);
    const german = Advocacy.Commands.German;
    const worded = new Set();
    for (const m of source.matchAll(/\bt\(\s*"((?:[^"\\]|\\.)*)"/g)) worded.add(m[1]);
    for (const m of source.matchAll(/\bt\(\s*[^"(),]+\?\s*"((?:[^"\\]|\\.)*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) { worded.add(m[1]); worded.add(m[2]); }
    for (const m of source.matchAll(/\bplural\([^,]+,\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\)/g)) { worded.add(m[1]); worded.add(m[2]); }
    assert.ok(worded.size > 20, "the scan found the script's texts: " + worded.size);
    for (const text of worded) {
        assert.ok(Object.prototype.hasOwnProperty.call(german, text), "no German for: " + text);
        const placeholders = (s) => (s.match(/\{\d+\}/g) || []).sort().join();
        assert.equal(placeholders(german[text]), placeholders(text), "the same placeholders: " + text);
    }
    for (const key of Object.keys(german)) assert.ok(worded.has(key), "unused German entry: " + key);
});

(async () => {
    let failed = 0;
    for (const c of cases) {
        try {
            await c.body();
            console.log("ok   " + c.name);
        } catch (e) {
            failed++;
            console.log("FAIL " + c.name + "\n     " + String(e && e.stack || e).split("\n").join("\n     "));
        }
    }
    console.log(`${cases.length - failed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
})();
