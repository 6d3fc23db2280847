using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.SolutionSchema
{
    /// <summary>
    /// Advocacy where agents already work (issue 16): Microsoft's standard Account, Case and Task main forms gain an
    /// Advocacy tab through differential form XML — the customer's form is merged, not replaced, so its timeline and
    /// its own customizations stay — and the app opens those standard forms.
    /// </summary>
    [TestClass]
    public sealed class AgentScreensTests
    {
        // Microsoft's own system forms (ids from real solution exports and Microsoft Learn pages that name them):
        // "Account" (msdynce_AppCommon), "Case" and "Case for Interactive experience" (Customer Service; the latter is
        // the Customer Service Hub's) and "Task".
        public const string AccountForm = "8448b78f-8f42-454e-8e2a-f8196b0419af";
        public const string CaseForm = "4a63c8d1-6c1e-48ec-9db4-3e6c7155334c";
        public const string CaseHubForm = "915f6055-2e07-4276-ae08-2b96c8d02c57";
        public const string TaskForm = "16654191-19ad-48ca-9e46-c4b4fbdad76f";

        // Ours.
        public const string AccountQuickView = "9ccd984d-7bc4-5dc0-81c5-f173ee36be27";
        public const string FeedbackQuickCreate = "09e8d1b7-da02-5a8f-a552-5bcd129c3073";
        public const string AdvocateForm = "62ab6b43-c34b-598a-bb0f-13310e1145e4";
        public const string OpenAdvocacyTasksView = "e9ff9fb3-6190-5059-bd93-efdadc658375";

        // The separate forms agents had to switch to before (no timeline); gone.
        private const string OldAccountAdvocacyForm = "3b5ab307-cb19-5b29-bf53-0c71cc236009";
        private const string OldCaseAdvocacyForm = "d749aa5d-774f-5c43-93d6-69c6a5488108";

        private static SolutionFolder S => SolutionFolder.Current;

        private static XElement Form(string folder, string type, string id)
        {
            var path = $"Entities/{folder}/FormXml/{type}/{{{id}}}.xml";
            Assert.IsTrue(S.Documents.ContainsKey(path), path + " is missing");
            return S.Documents[path].Root!.Element("systemform")!;
        }

        private static HashSet<string> Fields(XElement container) =>
            container.Descendants("control").Select(c => (string?)c.Attribute("datafieldname")).Where(f => f != null).Select(f => f!).ToHashSet(StringComparer.Ordinal);

        private static XElement Subgrid(XElement container, string target) =>
            container.Descendants("parameters").Single(p => (string?)p.Element("TargetEntityType") == target);

        private static string Id(string? value) => SolutionFolder.Id(value);

        [TestMethod]
        [DataRow("Account", AccountForm, "Account")]
        [DataRow("Incident", CaseForm, "Case")]
        [DataRow("Incident", CaseHubForm, "Case for Interactive experience")]
        [DataRow("Task", TaskForm, "Task")]
        public void A_standard_form_only_gains_an_added_advocacy_tab(string folder, string formId, string name)
        {
            var form = Form(folder, "main", formId);
            Assert.AreEqual("{" + formId + "}", (string?)form.Element("formid"));
            Assert.AreEqual(name, (string?)form.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description"), "the form keeps its name");

            // Diff form XML: what is marked solutionaction="Added" is merged into the customer's form; everything else
            // there stays (Microsoft Learn, "Maintaining healthy model-driven app form ALM", full and differential form XML).
            var tabs = form.Element("form")!.Element("tabs")!.Elements("tab").ToList();
            Assert.HasCount(1, tabs);
            Assert.AreEqual("Added", (string?)tabs[0].Attribute("solutionaction"));
            Assert.AreEqual("adv_advocacy", (string?)tabs[0].Attribute("name"), "our own name, so it cannot meet a tab of Microsoft's or the customer's");
            Assert.AreEqual(1, form.Descendants().Count(e => e.Attribute("solutionaction") != null), "nothing of the standard form is modified or removed");
            Assert.IsNull(form.Element("form")!.Element("header"), "the header, and with it the standard form's look, is not touched");
            Assert.IsFalse(form.Descendants("control").Any(c => ((string?)c.Attribute("id"))?.Contains("notescontrol", StringComparison.Ordinal) == true),
                "the timeline is the standard form's own: a diff neither adds nor removes it");
        }

        [TestMethod]
        public void The_account_forms_advocacy_tab_shows_the_advocacy_columns_and_open_advocacy_tasks()
        {
            var tab = Form("Account", "main", AccountForm).Descendants("tab").Single();
            var fields = Fields(tab);
            foreach (var column in new[] { "adv_advocateid", "adv_tier", "adv_inconvenienceindex", "adv_loyaltyrisk", "adv_lastnps", "adv_lastcsat", "adv_nextproactivecontact" })
            {
                Assert.Contains(column, fields);
                Assert.Contains(column, S.ColumnsOf("account"));
            }

            var tasks = Subgrid(tab, "task");
            Assert.AreEqual("Account_Tasks", (string?)tasks.Element("RelationshipName"), "the tasks regarding this account");
            Assert.AreEqual(Id(OpenAdvocacyTasksView), Id((string?)tasks.Element("ViewId")));
            Assert.AreEqual("adv_account_adv_feedback_accountid", (string?)Subgrid(tab, "adv_feedback").Element("RelationshipName"));
        }

        [TestMethod]
        public void The_open_advocacy_tasks_view_lists_open_tasks_with_a_kind()
        {
            var filter = S.Documents[$"Entities/Task/SavedQueries/{{{OpenAdvocacyTasksView}}}.xml"].Root!.Descendants("condition")
                .Select(c => $"{(string?)c.Attribute("attribute")} {(string?)c.Attribute("operator")} {(string?)c.Attribute("value")}".Trim()).ToList();
            CollectionAssert.AreEquivalent(new[] { "adv_kind not-null", "statecode eq 0" }, filter);
        }

        [TestMethod]
        [DataRow(CaseForm)]
        [DataRow(CaseHubForm)]
        public void The_case_forms_advocacy_tab_shows_the_case_and_its_customers_advocacy(string caseForm)
        {
            var tab = Form("Incident", "main", caseForm).Descendants("tab").Single();
            var fields = Fields(tab);
            Assert.Contains("adv_advocateid", fields);
            Assert.Contains("adv_impactscore", fields);
            Assert.AreEqual("Incident_Tasks", (string?)Subgrid(tab, "task").Element("RelationshipName"));

            // The account's figures are not columns of the case: a quick view of the customer shows them.
            var quick = tab.Descendants("control").Single(c => (string?)c.Attribute("classid") == "{5C5600E0-1D6E-4205-A272-BE80DA87FD42}");
            Assert.AreEqual("customerid", (string?)quick.Attribute("datafieldname"));
            var ids = XElement.Parse((string)quick.Element("parameters")!.Element("QuickForms")!);
            var named = ids.Elements("QuickFormId").Single();
            Assert.AreEqual("account", (string?)named.Attribute("entityname"));
            Assert.AreEqual(Id(AccountQuickView), Id(named.Value));

            var quickView = Form("Account", "quick", AccountQuickView);
            CollectionAssert.IsSubsetOf(
                new[] { "adv_advocateid", "adv_tier", "adv_inconvenienceindex", "adv_loyaltyrisk", "adv_lastnps", "adv_lastcsat", "adv_nextproactivecontact" },
                Fields(quickView).ToArray());
        }

        [TestMethod]
        public void The_separate_advocacy_forms_are_gone_and_the_app_opens_the_standard_forms()
        {
            var formIds = S.Documents.Keys.Where(k => k.Contains("/FormXml/", StringComparison.Ordinal))
                .Select(k => Id(System.IO.Path.GetFileNameWithoutExtension(k))).ToHashSet();
            Assert.DoesNotContain(Id(OldAccountAdvocacyForm), formIds);
            Assert.DoesNotContain(Id(OldCaseAdvocacyForm), formIds);

            var appForms = S.Under("AppModules").Single().Value.Root!.Descendants("AppModuleComponent")
                .Where(c => (string?)c.Attribute("type") == "60").Select(c => Id((string?)c.Attribute("id"))).ToHashSet();
            foreach (var id in new[] { AccountForm, CaseForm, TaskForm, AccountQuickView, FeedbackQuickCreate, AdvocateForm })
            {
                Assert.Contains(Id(id), appForms);
            }

            Assert.DoesNotContain(Id(OldAccountAdvocacyForm), appForms);
            Assert.DoesNotContain(Id(OldCaseAdvocacyForm), appForms);
        }

        [TestMethod]
        public void Feedback_has_a_quick_create_form_that_the_task_form_opens_for_the_check_ins_answer()
        {
            var entity = S.Documents["Entities/adv_Feedback/Entity.xml"].Root!;
            Assert.AreEqual("1", (string?)entity.Descendants("IsQuickCreateEnabled").Single(), "Dataverse opens quick create forms only for tables that enable them");

            var quickCreate = Form("adv_Feedback", "quickCreate", FeedbackQuickCreate);
            CollectionAssert.IsSubsetOf(new[] { "adv_taskid", "adv_accountid", "adv_nps", "adv_csat", "adv_comments" }, Fields(quickCreate).ToArray());

            // "+ New" on this grid fills the check-in lookup (the grid's relationship) and opens the quick create form.
            var answers = Subgrid(Form("Task", "main", TaskForm), "adv_feedback");
            Assert.AreEqual("adv_task_adv_feedback_taskid", (string?)answers.Element("RelationshipName"));
            var relationship = S.Relationships.Single(r => (string?)r.Attribute("Name") == "adv_task_adv_feedback_taskid");
            Assert.AreEqual("adv_taskid", ((string)relationship.Element("ReferencingAttributeName")!).ToLowerInvariant());
        }

        [TestMethod]
        public void The_advocate_form_lists_its_accounts_and_its_open_tasks()
        {
            var form = Form("adv_Advocate", "main", AdvocateForm);
            Assert.AreEqual("adv_adv_advocate_account_advocateid", (string?)Subgrid(form, "account").Element("RelationshipName"));
            var tasks = Subgrid(form, "task");
            Assert.AreEqual("adv_adv_advocate_task_advocateid", (string?)tasks.Element("RelationshipName"));
            Assert.AreEqual(Id(OpenAdvocacyTasksView), Id((string?)tasks.Element("ViewId")));
        }

        [TestMethod]
        public void The_packed_zip_carries_the_form_customizations_by_type()
        {
            var entities = PackedSolution.Customizations.Root!.Element("Entities")!.Elements("Entity").ToList();
            string[] Types(string table, string id) => entities.Single(e => (string?)e.Element("Name") == table)
                .Element("FormXml")!.Elements("forms").Where(f => f.Elements("systemform").Any(s => Id((string?)s.Element("formid")) == Id(id)))
                .Select(f => (string)f.Attribute("type")!).ToArray();

            CollectionAssert.AreEqual(new[] { "main" }, Types("Account", AccountForm));
            CollectionAssert.AreEqual(new[] { "quick" }, Types("Account", AccountQuickView));
            CollectionAssert.AreEqual(new[] { "main" }, Types("Incident", CaseForm));
            CollectionAssert.AreEqual(new[] { "main" }, Types("Task", TaskForm));
            CollectionAssert.AreEqual(new[] { "quickCreate" }, Types("adv_Feedback", FeedbackQuickCreate));
            var accountTab = entities.Single(e => (string?)e.Element("Name") == "Account").Descendants("tab").Single(t => (string?)t.Attribute("name") == "adv_advocacy" && t.Attribute("solutionaction") != null);
            Assert.AreEqual("Added", (string?)accountTab.Attribute("solutionaction"), "the packer keeps the diff marker");
        }
    }
}
