using Advocacy.Plugins.Application.Assignment;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Plugins;
using Advocacy.Plugins.Registration;

namespace Advocacy.Plugins.CustomApis.Assignment
{
    /// <summary>
    /// adv_RecountAdvocateLoad: rebuilds every advocate's adv_accountcount from one aggregate FetchXML (active
    /// accounts grouped by adv_advocateid), for an admin who imported accounts around the plug-ins. It also
    /// creates the product's lock rows, so it is the one call an admin makes after importing the solution, and shares
    /// accounts given an advocate around the plug-ins with the advocate's user (bounded per call: call again while
    /// AccountsLeftToShare is above 0).
    /// </summary>
    [CustomApi(AdvocateLoadRecount.Message, "Recount advocate load", "Rebuilds each advocate's account count from the active accounts that name them.",
        ExecutePrivilegeName = CustomApiPrivileges.ManageAdvocacy, GermanDisplayName = "Auslastung der Kundenfürsprecher neu zählen",
        GermanDescription = "Ermittelt die Anzahl Firmen jedes Kundenfürsprechers neu aus den aktiven Firmen, die ihn nennen.")]
    [CustomApiResponse("AdvocatesChecked", CustomApiFieldType.Integer, "Advocate profiles looked at.", GermanDescription = "Geprüfte Kundenfürsprecher-Profile.")]
    [CustomApiResponse("AdvocatesCorrected", CustomApiFieldType.Integer, "Profiles whose count was wrong and was rewritten.", GermanDescription = "Profile, deren Anzahl falsch war und neu geschrieben wurde.")]
    [CustomApiResponse("AccountsCounted", CustomApiFieldType.Integer, "Active accounts with an advocate.", GermanDescription = "Aktive Firmen mit einem Kundenfürsprecher.")]
    [CustomApiResponse("AccountsShared", CustomApiFieldType.Integer, "Advocated accounts just shared with their advocate's user (read, append to).",
        GermanDescription = "Firmen, die eben für den Benutzer ihres Kundenfürsprechers freigegeben wurden (Lesen, Anfügen an).")]
    [CustomApiResponse("AccountsLeftToShare", CustomApiFieldType.Integer, "Advocated accounts still to share with their advocate's user: call again.",
        GermanDescription = "Firmen, die noch für den Benutzer ihres Kundenfürsprechers freizugeben sind: erneut aufrufen.")]
    public sealed class RecountAdvocateLoadApi : AdvocacyPlugin
    {
        protected override int MaxDepth => 8;

        protected override void Execute(PluginContext context)
        {
            var outcome = new RecountAdvocateLoad(context).Run();
            var result = outcome.Counts;
            var shares = outcome.Shares;
            var output = context.Execution.OutputParameters;
            output["AdvocatesChecked"] = result.AdvocatesChecked;
            output["AdvocatesCorrected"] = result.AdvocatesCorrected;
            output["AccountsCounted"] = result.AccountsCounted;
            output["AccountsShared"] = shares.Shared;
            output["AccountsLeftToShare"] = shares.Left;
        }
    }
}
