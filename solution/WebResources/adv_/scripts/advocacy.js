/*
 * Customer Advocacy: command-bar buttons (classic ribbon, RibbonDiff.xml of account and adv_advocate).
 * Each button calls one of the solution's Custom APIs through Xrm.WebApi.online.execute and shows the answer in an
 * alert dialog. The buttons are shown only to users who hold the APIs' execute privilege (prvCreateadv_Advocate:
 * Advocacy Manager, System Administrator); the platform checks it again on every call.
 * Request shape (getMetadata: operationType 0 = action, parameterTypes with structuralProperty 1 = primitive,
 * 5 = entity type): Microsoft Learn, "Xrm.WebApi.online.execute (Client API reference)".
 */
var Advocacy = Advocacy || {};
Advocacy.Commands = (function () {
    "use strict";

    /** A sweep call stays inside the plug-in time budget; this many calls (about an hour) is one button press. */
    var MaxSweepCalls = 40;

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
                throw new Error(request.getMetadata().operationName + " failed (HTTP " + response.status + ").");
            }
            return response.json();
        });
    }

    function alert(title, text) {
        return Xrm.Navigation.openAlertDialog({ title: title, text: text });
    }

    function failure(title, error) {
        var message = (error && error.message) || String(error);
        return alert(title, "It did not work: " + message);
    }

    function plural(count, one, many) {
        return count + " " + (count === 1 ? one : many);
    }

    function bare(id) {
        return (id || "").replace(/[{}]/g, "").toLowerCase();
    }

    /** "Assign advocate now" (account form): runs the assignment policy for this account and reloads the form. */
    function assignAdvocateNow(primaryControl) {
        var title = "Assign advocate";
        var id = bare(primaryControl.data.entity.getId());
        if (!id) {
            return alert(title, "Save the account first: an advocate is chosen for a saved account.");
        }
        var request = action("adv_AssignAdvocate",
            { Account: { typeName: "mscrm.account", structuralProperty: 5 } },
            { Account: { entityType: "account", id: id } });
        return call(request).then(function (result) {
            var text = (result.Changed ? "The advocate changed. " : "The advocate did not change. ") + (result.Reason || "");
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
        var title = "Recount advocate load";
        var shared = 0;
        var calls = 0;
        Xrm.Utility.showProgressIndicator("Recounting advocate load…");

        function next() {
            calls++;
            return call(action("adv_RecountAdvocateLoad")).then(function (result) {
                shared += result.AccountsShared || 0;
                if (result.AccountsLeftToShare > 0 && calls < MaxSweepCalls) {
                    return next();
                }
                var text = "Checked " + plural(result.AdvocatesChecked, "advocate profile", "advocate profiles") +
                    "; corrected " + plural(result.AdvocatesCorrected, "count", "counts") +
                    "; " + plural(result.AccountsCounted, "active account has", "active accounts have") + " an advocate.";
                if (shared > 0) {
                    text += " Shared " + plural(shared, "account", "accounts") + " with the advocate's user.";
                }
                if (result.AccountsLeftToShare > 0) {
                    text += " " + plural(result.AccountsLeftToShare, "account is", "accounts are") + " still to share: run the recount again.";
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
        var title = "Proactive sweep";
        var created = 0;
        var calls = 0;
        Xrm.Utility.showProgressIndicator("Raising due proactive check-ins…");

        function next(continuation) {
            var values = continuation ? { Continuation: continuation } : {};
            var request = action("adv_RunProactiveSweep", { Continuation: { typeName: "Edm.String", structuralProperty: 1 } }, values);
            calls++;
            return call(request).then(function (result) {
                created += result.Created || 0;
                if (result.NextContinuation && calls < MaxSweepCalls) {
                    return next(result.NextContinuation);
                }
                var text = "Created " + plural(created, "proactive check-in", "proactive check-ins") + ". " + (result.Summary || "");
                if (result.NextContinuation) {
                    text += " More due accounts remain: run the sweep again.";
                }
                return text;
            });
        }

        return next(null).then(function (text) {
            Xrm.Utility.closeProgressIndicator();
            return alert(title, text);
        }, function (error) {
            Xrm.Utility.closeProgressIndicator();
            return failure(title, created > 0 ? (plural(created, "check-in was", "check-ins were") + " created before: " + ((error && error.message) || error)) : error);
        });
    }

    return { assignAdvocateNow: assignAdvocateNow, recountLoad: recountLoad, runSweepNow: runSweepNow, MaxSweepCalls: MaxSweepCalls };
}());
