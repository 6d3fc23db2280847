using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Advocacy.Plugins.CustomApis.FollowUp;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Tests.Packaging;
using Advocacy.Plugins.Tests.Scenarios;
using Advocacy.Plugins.Tests.Scenarios.FollowUp;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.ReportPage
{
    /// <summary>
    /// The report web resource in headless Chromium (Debian's <c>chromium</c>; <c>.ci/run</c> installs it). The page is
    /// loaded as shipped, behind a stub <c>Xrm.WebApi.online.execute</c> that answers adv_GetAdvocacyReport with JSON
    /// made by our real report code in the sandbox; the DOM Chromium ends with (<c>--dump-dom</c>) is what is asserted.
    /// Without chromium the tests skip and say so.
    /// </summary>
    [TestClass]
    public sealed class ReportPageBrowserTests
    {
        private const string HostileName = "<img src=x onerror=alert(1)>";
        private const string ScriptName = "</title><script>document.body.setAttribute('data-pwned','1')</script>";
        private static readonly string[] Sections = { "summary", "advocates", "tiers", "months", "tasks", "impact" };

        private static string PagePath => Path.Combine(PackagingTestSupport.RepoRoot, "solution", "WebResources", "adv_", "report", "advocacy-report.html");

        [TestMethod]
        public void The_page_shows_every_section_with_a_chart_and_a_table_for_a_managers_report()
        {
            string json = SampleReport();

            string dom = Render(json, "sample", screenshot: Path.Combine(PackagingTestSupport.RepoRoot, "artifacts", "report-page", "advocacy-report.png"));

            StringAssert.Contains(dom, "data-state=\"ready\"", "the page finished: " + Excerpt(dom));
            StringAssert.Contains(dom, "data-request=\"adv_GetAdvocacyReport|1|365\"", "one function call (operationType 1) with the default period");
            foreach (string id in Sections)
            {
                string section = Section(dom, id);
                if (id == "summary") continue;
                StringAssert.Contains(section, "<svg", id + " has a chart");
                StringAssert.Contains(section, "<table", id + " has a table beside it");
                Assert.IsFalse(section.Contains("data-empty=\"true\""), id + " is drawn from data, not the empty message");
            }

            using var report = JsonDocument.Parse(json);
            var overall = report.RootElement.GetProperty("overall");
            StringAssert.Contains(Section(dom, "summary"), "NPS · " + overall.GetProperty("npsResponses").GetInt32() + " answers");
            StringAssert.Contains(Section(dom, "advocates"), "Dana Ruiz");
            StringAssert.Contains(Section(dom, "advocates"), "+25 (n=4)", "Dana's NPS beside its answer count in the chart");
            StringAssert.Contains(Section(dom, "tiers"), "+33 (n=3)", "the strategic tier's");
            StringAssert.Contains(Section(dom, "months"), "Feb 2026");
            StringAssert.Contains(Section(dom, "months"), "Mar 2026");
            StringAssert.Contains(Section(dom, "tasks"), "Detractor recovery");
            StringAssert.Contains(Section(dom, "tasks"), "2 (1 overdue)", "Dana: two open, one of them overdue");
            StringAssert.Contains(Section(dom, "impact"), "Severe");
            StringAssert.Contains(dom, "from 10 Mar 2025 to 10 Mar 2026", "the period is named");
        }

        [TestMethod]
        public void A_German_manager_reads_the_page_in_German_with_German_dates_and_decimal_commas()
        {
            // userSettings.languageId (Xrm.Utility.getGlobalContext()) is the reader's language: 1031 German, any other English.
            string json = SampleReport();

            string dom = Render(json, "german", screenshot: Path.Combine(PackagingTestSupport.RepoRoot, "artifacts", "report-page", "advocacy-report-de.png"), languageId: 1031);

            StringAssert.Contains(dom, "data-state=\"ready\"", "the page finished: " + Excerpt(dom));
            StringAssert.Contains(dom, "<html lang=\"de\"");
            StringAssert.Contains(dom, "<title>Bericht zur Kundenfürsprache</title>");
            StringAssert.Contains(dom, "letzte 365 Tage");
            StringAssert.Contains(dom, "vom 10. Mär 2025 bis 10. Mär 2026", "the period in German");
            StringAssert.Contains(Section(dom, "advocates"), "NPS und CSAT nach Kundenfürsprecher");
            StringAssert.Contains(Section(dom, "advocates"), "Dana Ruiz", "names as typed");
            StringAssert.Contains(Section(dom, "tiers"), "Strategisch", "the tier's German label, as the solution's option set has it");
            StringAssert.Contains(Section(dom, "months"), "Mär 2026");
            StringAssert.Contains(Section(dom, "tasks"), "Kritiker zurückgewinnen", "the task kind's German label");
            StringAssert.Contains(Section(dom, "tasks"), "2 (1 überfällig)");
            StringAssert.Contains(Section(dom, "impact"), "Schwer");
            Assert.IsTrue(Regex.IsMatch(Section(dom, "summary"), @"\d,\d\d"), "CSAT with a decimal comma: " + Section(dom, "summary"));
            foreach (string english in new[] { "By advocate", "answers", "overdue", "No answers", "Strategic", "Mar 2026", "Detractor recovery" })
            {
                Assert.IsFalse(Regex.Replace(dom, "<script.*?</script>", "", RegexOptions.Singleline).Contains(english), "no English left: " + english);
            }

            string english2 = Render(json, "other-language", languageId: 1036);
            StringAssert.Contains(english2, "NPS and CSAT by advocate", "a language without a translation reads English");
            StringAssert.Contains(english2, "<html lang=\"en\"");
        }

        [TestMethod]
        public void The_page_shows_every_section_with_its_empty_message_when_nothing_happened_in_the_period()
        {
            var w = new AdvocacyWorld();
            string json = (string)w.Sandbox.Run(new OrganizationRequest(GetAdvocacyReportApi.MessageName), w.ManagerUserId)[GetAdvocacyReportApi.ReportResponse];

            string dom = Render(json, "empty");

            StringAssert.Contains(dom, "data-state=\"ready\"", Excerpt(dom));
            foreach (string id in Sections.Skip(1))
            {
                string section = Section(dom, id);
                StringAssert.Contains(section, "data-empty=\"true\"", id + " draws its empty chart");
                StringAssert.Contains(section, "<table", id + " still has its table");
            }

            StringAssert.Contains(Section(dom, "advocates"), "No answers in this period");
            StringAssert.Contains(Section(dom, "tasks"), "No open advocacy tasks");
            StringAssert.Contains(Section(dom, "impact"), "No inconveniences in this period");
            StringAssert.Contains(Section(dom, "summary"), "NPS · 0 answers");
        }

        [TestMethod]
        public void Hostile_advocate_names_show_as_text_and_inject_no_element()
        {
            var w = new FollowUpWorld();
            foreach (string name in new[] { HostileName, ScriptName })
            {
                var user = w.World.SeedUser(name);
                var advocate = w.World.SeedAdvocate(name, user, new[] { CustomerTier.Key });
                var account = w.World.SeedAccount("Account of " + name.Length, CustomerTier.Key, advocate);
                w.Sandbox.Seed(Feedback(account, 9, 5, AdvocacyWorld.Now.AddDays(-2)), Task(account, AdvocacyTaskKind.ProactiveCheckIn, AdvocacyWorld.Now.Date.AddDays(-1)));
            }

            string json = (string)w.Sandbox.Run(new OrganizationRequest(GetAdvocacyReportApi.MessageName), w.World.ManagerUserId)[GetAdvocacyReportApi.ReportResponse];
            // Comments are not elements (the page's own header comment quotes such a name).
            string dom = Regex.Replace(Render(json, "hostile", screenshot: Path.Combine(PackagingTestSupport.RepoRoot, "artifacts", "report-page", "hostile-names.png")), "<!--.*?-->", "", RegexOptions.Singleline);

            StringAssert.Contains(dom, "data-state=\"ready\"", Excerpt(dom));
            StringAssert.Contains(Section(dom, "advocates"), "&lt;img src=x onerror=alert(1)&gt;", "the name is text in the table");
            Assert.IsFalse(Regex.IsMatch(dom, "<img", RegexOptions.IgnoreCase), "no img element was injected");
            Assert.IsFalse(dom.Contains("data-pwned=\"1\""), "no script from a name ran");
            Assert.AreEqual(1, Regex.Matches(dom, "<script", RegexOptions.IgnoreCase).Count - StubScripts, "only the page's own script is in the DOM");
            StringAssert.Contains(Section(dom, "advocates"), "&lt;/title&gt;&lt;script&gt;", "the other name too");
        }

        private const int StubScripts = 1;

        [TestMethod]
        public void A_period_the_dashboard_passes_as_data_is_the_one_asked_for_and_shown()
        {
            var w = new AdvocacyWorld();
            string json = (string)w.Sandbox.Run(new OrganizationRequest(GetAdvocacyReportApi.MessageName) { [GetAdvocacyReportApi.PeriodDaysParameter] = 90 }, w.ManagerUserId)[GetAdvocacyReportApi.ReportResponse];

            string dom = Render(json, "period", query: "?data=90");

            StringAssert.Contains(dom, "data-request=\"adv_GetAdvocacyReport|1|90\"");
            StringAssert.Contains(dom, "from 10 Dec 2025 to 10 Mar 2026");
            StringAssert.Contains(dom, "<option value=\"90\" selected", "the period picker shows the period asked for");
        }

        [TestMethod]
        public void A_refused_call_shows_the_platforms_message_as_text_instead_of_a_report()
        {
            string dom = Render("", "refused", answer: " return Promise.reject({ errorCode: 2147746336, message: 'Principal user is missing prvReadadv_Feedback <b>privilege</b>' });");

            StringAssert.Contains(dom, "data-state=\"error\"");
            StringAssert.Contains(dom, "The report could not be loaded: Principal user is missing prvReadadv_Feedback &lt;b&gt;privilege&lt;/b&gt;");
            Assert.IsFalse(dom.Contains("<section"), "no half-drawn report");
        }

        /// <summary>Strategic and key accounts of Dana, one without an advocate, answers in two months, open and overdue tasks, a severe inconvenience.</summary>
        private static string SampleReport()
        {
            var w = new FollowUpWorld();
            var strategic = w.SeedAccount("Contoso", CustomerTier.Strategic);
            var key = w.SeedAccount("Fabrikam", CustomerTier.Key);
            var loose = w.SeedAccount("Litware", CustomerTier.Standard, withAdvocate: false);
            DateTime now = AdvocacyWorld.Now;
            w.Sandbox.Seed(
                Feedback(strategic, 10, 5, now.AddDays(-3)),
                Feedback(strategic, 9, 4, now.AddDays(-20)),
                Feedback(strategic, 3, 1, now.AddDays(-35)),
                Feedback(key, 8, 4, now.AddDays(-40)),
                Feedback(loose, 6, 2, now.AddDays(-70)),
                Task(strategic, AdvocacyTaskKind.DetractorRecovery, now.Date.AddDays(-1)),
                Task(strategic, AdvocacyTaskKind.ProactiveCheckIn, now.Date.AddDays(5)),
                Task(loose, AdvocacyTaskKind.UnassignedAdvocacy, now.Date.AddDays(1)),
                new Entity("adv_inconvenience") { ["adv_name"] = "late order", ["adv_accountid"] = new EntityReference("account", strategic), ["adv_impactband"] = Choices.Option(ImpactBand.Severe), ["createdon"] = now.AddDays(-1) },
                new Entity("adv_inconvenience") { ["adv_name"] = "invoice", ["adv_accountid"] = new EntityReference("account", key), ["adv_impactband"] = Choices.Option(ImpactBand.Moderate), ["createdon"] = now.AddDays(-30) });
            var json = (string)w.Sandbox.Run(new OrganizationRequest(GetAdvocacyReportApi.MessageName), w.World.ManagerUserId)[GetAdvocacyReportApi.ReportResponse];
            Assert.AreEqual(AdvocacyReportQuery.RoundTrips, w.Sandbox.RoundTrips(GetAdvocacyReportApi.MessageName));
            return json;
        }

        private static Entity Feedback(Guid account, int nps, int csat, DateTime createdOn) => new Entity("adv_feedback")
        {
            ["adv_name"] = "answer",
            ["adv_accountid"] = new EntityReference("account", account),
            ["adv_nps"] = nps,
            ["adv_csat"] = csat,
            ["createdon"] = createdOn,
        };

        private static Entity Task(Guid account, AdvocacyTaskKind kind, DateTime due) => new Entity("task")
        {
            ["subject"] = kind.ToString(),
            ["regardingobjectid"] = new EntityReference("account", account),
            ["adv_kind"] = Choices.Option(kind),
            ["scheduledend"] = due,
        };

        /// <summary>
        /// The page as shipped, with a stub Xrm defined before its own script (the way the app's frame provides one):
        /// execute records the call on the root element and answers with the report JSON as the Web API does
        /// ({ ReportJson: "…" }).
        /// </summary>
        private static string Render(string reportJson, string name, string? screenshot = null, string query = "", string? answer = null, int? languageId = null)
        {
            string chromium = Chromium() ?? throw new AssertInconclusiveException(
                "chromium is not installed (Debian: apt-get install -y chromium; .ci/run does it): the report page's browser tests are skipped.");
            string page = File.ReadAllText(PagePath);
            // System.Text.Json escapes < > & ' in strings, so the JSON literal cannot close the stub's script element.
            string stub = "<script>window.Xrm = { WebApi: { online: { execute: function (request) {"
                + " var m = request.getMetadata();"
                + " document.documentElement.setAttribute('data-request', m.operationName + '|' + m.operationType + '|' + request.PeriodDays);"
                + (answer ?? " return Promise.resolve({ ok: true, status: 200, json: function () { return Promise.resolve({ ReportJson: " + JsonSerializer.Serialize(reportJson) + " }); } });")
                + " } } }"
                + (languageId.HasValue ? ", Utility: { getGlobalContext: function () { return { userSettings: { languageId: " + languageId.Value + " } }; } }" : "")
                + " };</script>";
            int head = page.IndexOf("<head>", StringComparison.Ordinal);
            Assert.IsTrue(head >= 0, "the page has a <head>");
            string wrapped = page.Insert(head + "<head>".Length, stub);

            string folder = Support.TestRunFolders.New("report-page-");
            Directory.CreateDirectory(folder);
            try
            {
                string file = Path.Combine(folder, name + ".html");
                File.WriteAllText(file, wrapped);
                string dom = RunChromium(chromium, folder, "--dump-dom", new Uri(file).AbsoluteUri + query);
                if (screenshot != null)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
                    RunChromium(chromium, folder, "--screenshot=" + screenshot, "--window-size=1280,1540", "--hide-scrollbars", new Uri(file).AbsoluteUri);
                    Assert.IsTrue(File.Exists(screenshot) && new FileInfo(screenshot).Length > 10_000, "a screenshot was written to " + screenshot);
                }

                return dom;
            }
            finally
            {
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }

        private static string RunChromium(string chromium, string folder, params string[] arguments)
        {
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            foreach (string flag in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + Path.Combine(folder, "profile-" + Guid.NewGuid().ToString("N")),
                // Lets the page's promise chain settle before the DOM is taken (virtual time, not a wait).
                "--virtual-time-budget=10000",
            })
            {
                start.ArgumentList.Add(flag);
            }

            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            // A hang guard only (a shared 2-core machine), not a timing assertion.
            if (!process.WaitForExit(180_000))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("chromium did not finish within 3 minutes");
            }

            Assert.AreEqual(0, process.ExitCode, "chromium failed: " + error.Result);
            return output;
        }

        private static string? Chromium()
        {
            string? configured = Environment.GetEnvironmentVariable("ADVOCACY_CHROMIUM");
            if (!string.IsNullOrEmpty(configured) && File.Exists(configured)) return configured;
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (string name in new[] { "chromium", "chromium-browser" })
                {
                    string candidate = Path.Combine(dir, name);
                    if (File.Exists(candidate)) return candidate;
                }
            }

            return null;
        }

        /// <summary>The element with the id, up to its closing tag (sections do not nest).</summary>
        private static string Section(string dom, string id)
        {
            var match = Regex.Match(dom, "<(section|div)[^>]*\\bid=\"" + id + "\"[^>]*>");
            Assert.IsTrue(match.Success, "the page has the section " + id + ": " + Excerpt(dom));
            string tag = match.Groups[1].Value;
            int end = tag == "section" ? dom.IndexOf("</section>", match.Index, StringComparison.Ordinal) : dom.IndexOf("<section", match.Index, StringComparison.Ordinal);
            return end < 0 ? dom.Substring(match.Index) : dom.Substring(match.Index, end - match.Index);
        }

        private static string Excerpt(string dom) => dom.Length <= 2000 ? dom : dom.Substring(0, 2000) + "…";
    }
}
