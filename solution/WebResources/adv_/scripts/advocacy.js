/*
 * Customer Advocacy: command-bar buttons (classic ribbon, RibbonDiff.xml of account and adv_advocate).
 * Each button calls one of the solution's Custom APIs through Xrm.WebApi.online.execute and shows the answer in an
 * alert dialog. The buttons are shown only to users who hold the APIs' execute privilege (prvCreateadv_Advocate:
 * Advocacy Manager, System Administrator); the platform checks it again on every call.
 * Request shape (getMetadata: operationType 0 = action, parameterTypes with structuralProperty 1 = primitive,
 * 5 = entity type): Microsoft Learn, "Xrm.WebApi.online.execute (Client API reference)".
 * Words: in the reader's language (userSettings.languageId 1031 reads German, any other English), as on the report page;
 * the English text is its own key and {0}, {1} take the arguments (commands.test.js checks every key has its German).
 */
var Advocacy = Advocacy || {};
Advocacy.Commands = (function () {
    "use strict";

    /** A sweep call stays inside the plug-in time budget; this many calls (about an hour) is one button press. */
    var MaxSweepCalls = 40;

    var German = {
        "Assign advocate": "Kundenfürsprecher zuweisen",
        "Save the account first: an advocate is chosen for a saved account.": "Speichern Sie die Firma zuerst: Ein Kundenfürsprecher wird für eine gespeicherte Firma gewählt.",
        "The advocate changed. {0}": "Der Kundenfürsprecher hat sich geändert. {0}",
        "The advocate did not change. {0}": "Der Kundenfürsprecher hat sich nicht geändert. {0}",
        "It did not work: {0}": "Das hat nicht geklappt: {0}",
        "{0} failed (HTTP {1}).": "{0} ist fehlgeschlagen (HTTP {1}).",
        "Recount advocate load": "Auslastung neu zählen",
        "Recounting advocate load…": "Die Auslastung wird neu gezählt …",
        "Checked {0}; corrected {1}; {2} an advocate.": "{0} geprüft; {1} korrigiert; {2} einen Kundenfürsprecher.",
        "advocate profile": "Kundenfürsprecher-Profil",
        "advocate profiles": "Kundenfürsprecher-Profile",
        "count": "Anzahl",
        "counts": "Anzahlen",
        "active account has": "aktive Firma hat",
        "active accounts have": "aktive Firmen haben",
        " Shared {0} with their advocates and stand-ins.": " {0} für ihre Kundenfürsprecher und deren Vertretungen freigegeben.",
        "account": "Firma",
        "accounts": "Firmen",
        " {0} still to share: run the recount again.": " {0} noch freizugeben: Führen Sie die Neuzählung erneut aus.",
        "account is": "Firma ist",
        "accounts are": "Firmen sind",
        "Proactive sweep": "Proaktiver Durchlauf",
        "Raising due proactive check-ins…": "Fällige proaktive Check-ins werden erstellt …",
        "Created {0}.": "{0} erstellt.",
        "proactive check-in": "proaktiver Check-in",
        "proactive check-ins": "proaktive Check-ins",
        " More due accounts remain: run the sweep again.": " Es bleiben weitere fällige Firmen: Starten Sie den Durchlauf erneut.",
        "{0} created before: {1}": "{0} zuvor erstellt: {1}",
        "check-in was": "Check-in wurde",
        "check-ins were": "Check-ins wurden",
    };

    /** True when the reader's user interface is German (userSettings.languageId 1031). */
    function readsGerman() {
        try {
            var context = Xrm.Utility.getGlobalContext ? Xrm.Utility.getGlobalContext() : null;
            return !!(context && context.userSettings && context.userSettings.languageId === 1031);
        } catch (e) {
            return false;
        }
    }

    /** The text in the reader's language, {0}, {1}, … replaced by the arguments. */
    function t(text) {
        var args = Array.prototype.slice.call(arguments, 1);
        var worded = (readsGerman() && German[text]) || text;
        return worded.replace(/\{(\d+)\}/g, function (match, n) {
            return args[n] === undefined ? match : String(args[n]);
        });
    }

    function action(name, parameterTypes, values) {
        var request = values || {};
        request.getMetadata = function () {
            return { boundParameter: null, parameterTypes: parameterTypes || {}, operationType: 0, operationName: name };
        };
        return request;
    }

    function call(request) {
        return Xrm.WebApi.online.execute(request).then(function (response) {
            if (!response.ok) {
                throw new Error(t("{0} failed (HTTP {1}).", request.getMetadata().operationName, response.status));
            }
            return response.json();
        });
    }

    function alert(title, text) {
        return Xrm.Navigation.openAlertDialog({ title: title, text: text });
    }

    function failure(title, error) {
        var message = (error && error.message) || String(error);
        return alert(title, t("It did not work: {0}", message));
    }

    function plural(count, one, many) {
        return count + " " + t(count === 1 ? one : many);
    }

    function bare(id) {
        return (id || "").replace(/[{}]/g, "").toLowerCase();
    }

    /** "Assign advocate now" (account form): runs the assignment policy for this account and reloads the form. */
    function assignAdvocateNow(primaryControl) {
        var title = t("Assign advocate");
        var id = bare(primaryControl.data.entity.getId());
        if (!id) {
            return alert(title, t("Save the account first: an advocate is chosen for a saved account."));
        }
        var request = action("adv_AssignAdvocate",
            { Account: { typeName: "mscrm.account", structuralProperty: 5 } },
            { Account: { entityType: "account", id: id } });
        return call(request).then(function (result) {
            // ReasonText is the reason worded for the caller; Reason (English) from a solution before it had one.
            var reason = result.ReasonText || result.Reason || "";
            var text = t(result.Changed ? "The advocate changed. {0}" : "The advocate did not change. {0}", reason);
            return alert(title, text).then(function () {
                return result.Changed ? primaryControl.data.refresh(false) : undefined;
            });
        }, function (error) {
            return failure(title, error);
        });
    }

    /**
     * "Recount load" (advocates list): rebuilds every advocate's account count, creates the lock rows and shares advocated
     * accounts with their advocate's user where that is missing — at most a bounded number a call, so it calls again while
     * accounts are left to share (up to MaxSweepCalls calls).
     */
    function recountLoad(selectedControl) {
        var title = t("Recount advocate load");
        var shared = 0;
        var calls = 0;
        Xrm.Utility.showProgressIndicator(t("Recounting advocate load…"));

        function next() {
            calls++;
            return call(action("adv_RecountAdvocateLoad")).then(function (result) {
                shared += result.AccountsShared || 0;
                if (result.AccountsLeftToShare > 0 && calls < MaxSweepCalls) {
                    return next();
                }
                var text = t("Checked {0}; corrected {1}; {2} an advocate.", plural(result.AdvocatesChecked, "advocate profile", "advocate profiles"),
                    plural(result.AdvocatesCorrected, "count", "counts"), plural(result.AccountsCounted, "active account has", "active accounts have"));
                if (shared > 0) {
                    text += t(" Shared {0} with their advocates and stand-ins.", plural(shared, "account", "accounts"));
                }
                if (result.AccountsLeftToShare > 0) {
                    text += t(" {0} still to share: run the recount again.", plural(result.AccountsLeftToShare, "account is", "accounts are"));
                }
                return text;
            });
        }

        return next().then(function (text) {
            Xrm.Utility.closeProgressIndicator();
            return alert(title, text).then(function () {
                return selectedControl && selectedControl.refresh ? selectedControl.refresh() : undefined;
            });
        }, function (error) {
            Xrm.Utility.closeProgressIndicator();
            return failure(title, error);
        });
    }

    /** "Run sweep now" (advocates list): calls the sweep with each continuation until it is complete. */
    function runSweepNow() {
        var title = t("Proactive sweep");
        var created = 0;
        var calls = 0;
        Xrm.Utility.showProgressIndicator(t("Raising due proactive check-ins…"));

        function next(continuation) {
            var values = continuation ? { Continuation: continuation } : {};
            var request = action("adv_RunProactiveSweep", { Continuation: { typeName: "Edm.String", structuralProperty: 1 } }, values);
            calls++;
            return call(request).then(function (result) {
                created += result.Created || 0;
                if (result.NextContinuation && calls < MaxSweepCalls) {
                    return next(result.NextContinuation);
                }
                var text = t("Created {0}.", plural(created, "proactive check-in", "proactive check-ins"));
                // The sweep's Summary is English (its log line): a German reader gets the counts above without it.
                if (!readsGerman() && result.Summary) {
                    text += " " + result.Summary;
                }
                if (result.NextContinuation) {
                    text += t(" More due accounts remain: run the sweep again.");
                }
                return text;
            });
        }

        return next(null).then(function (text) {
            Xrm.Utility.closeProgressIndicator();
            return alert(title, text);
        }, function (error) {
            Xrm.Utility.closeProgressIndicator();
            return failure(title, created > 0 ? t("{0} created before: {1}", plural(created, "check-in was", "check-ins were"), (error && error.message) || error) : error);
        });
    }

    return { assignAdvocateNow: assignAdvocateNow, recountLoad: recountLoad, runSweepNow: runSweepNow, MaxSweepCalls: MaxSweepCalls, German: German };
}());
