using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Advocacy.Plugins.CustomApis;
using Advocacy.Plugins.Tests.Packaging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Operations
{
    /// <summary>
    /// The command-bar buttons (issue 16, item 2): classic RibbonDiffXml on the account form ("Assign advocate now") and
    /// the advocates' home grid ("Recount load", "Run sweep now"), each calling a function of the one script web resource
    /// adv_/scripts/advocacy.js. The ribbon's schema is checked by MicrosoftXsdValidationTests (RibbonCore/RibbonTypes);
    /// these tests hold the ribbon to the script and to the Custom APIs' execute privilege, and run the script's logic in
    /// Node against a stub Xrm (commands.test.js).
    /// </summary>
    [TestClass]
    public sealed class CommandBarTests
    {
        private const string Script = "adv_/scripts/advocacy.js";

        private static string SolutionRoot => Path.Combine(PackagingTestSupport.RepoRoot, "solution");

        private static XElement Ribbon(string entity) => XDocument.Load(Path.Combine(SolutionRoot, "Entities", entity, "RibbonDiff.xml")).Root!;

        private static readonly string[] RibbonEntities = { "Account", "adv_Advocate" };

        private static IEnumerable<(string Entity, XElement Command)> Commands() =>
            RibbonEntities.SelectMany(e => Ribbon(e).Element("CommandDefinitions")!.Elements("CommandDefinition").Select(c => (e, c)));

        [TestMethod]
        public void The_buttons_sit_on_the_account_form_and_the_advocates_list()
        {
            static string[] Buttons(string entity) => Ribbon(entity).Descendants("CustomAction")
                .Select(a => $"{(string)a.Attribute("Location")!} → {(string)a.Descendants("Button").Single().Attribute("Command")!}").ToArray();

            CollectionAssert.AreEqual(new[] { "Mscrm.Form.account.MainTab.Save.Controls._children → adv.account.AssignAdvocateNow.Command" }, Buttons("Account"));
            CollectionAssert.AreEqual(new[]
            {
                "Mscrm.HomepageGrid.adv_advocate.MainTab.Management.Controls._children → adv.adv_advocate.RecountLoad.Command",
                "Mscrm.HomepageGrid.adv_advocate.MainTab.Management.Controls._children → adv.adv_advocate.RunSweepNow.Command",
            }, Buttons("adv_Advocate"));
        }

        [TestMethod]
        public void Every_command_calls_a_function_of_the_shipped_script_web_resource()
        {
            Assert.IsTrue(File.Exists(Path.Combine(SolutionRoot, "WebResources", Script + ".data.xml")), "the script ships as a web resource");
            foreach (var (entity, command) in Commands())
            {
                XElement function = command.Element("Actions")!.Elements("JavaScriptFunction").Single();
                Assert.AreEqual("$webresource:" + Script, (string)function.Attribute("Library")!, $"{entity}: {(string)command.Attribute("Id")!}");
                StringAssert.StartsWith((string)function.Attribute("FunctionName")!, "Advocacy.Commands.");
            }
        }

        [TestMethod]
        public void Every_rule_and_label_a_ribbon_names_is_defined_in_it()
        {
            foreach (string entity in RibbonEntities)
            {
                XElement ribbon = Ribbon(entity);
                var labels = ribbon.Element("LocLabels")!.Elements("LocLabel").Select(l => (string)l.Attribute("Id")!).ToHashSet();
                foreach (XAttribute reference in ribbon.Descendants("Button").Attributes().Where(a => a.Value.StartsWith("$LocLabels:", StringComparison.Ordinal)))
                {
                    Assert.Contains(reference.Value["$LocLabels:".Length..], labels, $"{entity}: {reference.Name}");
                }

                XElement rules = ribbon.Element("RuleDefinitions")!;
                foreach (string kind in new[] { "EnableRule", "DisplayRule" })
                {
                    var defined = rules.Element(kind + "s")!.Elements(kind).Select(r => (string)r.Attribute("Id")!).ToHashSet();
                    foreach (XElement used in ribbon.Element("CommandDefinitions")!.Descendants(kind))
                    {
                        Assert.Contains((string)used.Attribute("Id")!, defined, $"{entity}: {kind} {(string)used.Attribute("Id")!}");
                    }
                }
            }
        }

        [TestMethod]
        public void Only_users_who_may_call_the_Custom_APIs_see_the_buttons()
        {
            // The three APIs declare the execute privilege prvCreateadv_Advocate; a privilege display rule on the same
            // privilege hides the buttons from everyone the platform would refuse (agents), as far as the ribbon can.
            foreach (var (entity, command) in Commands())
            {
                XElement ribbon = Ribbon(entity);
                var privileges = command.Element("DisplayRules")!.Elements("DisplayRule")
                    .Select(d => ribbon.Element("RuleDefinitions")!.Element("DisplayRules")!.Elements("DisplayRule").Single(r => (string?)r.Attribute("Id") == (string?)d.Attribute("Id")))
                    .SelectMany(r => r.Elements("EntityPrivilegeRule"))
                    .Select(p => "prv" + (string)p.Attribute("PrivilegeType")! + (string)p.Attribute("EntityName")!)
                    .ToList();
                Assert.IsTrue(privileges.Any(p => string.Equals(p, CustomApiPrivileges.ManageAdvocacy, StringComparison.OrdinalIgnoreCase)),
                    $"{entity}: {(string)command.Attribute("Id")!} needs a display rule on {CustomApiPrivileges.ManageAdvocacy}");
            }
        }

        [TestMethod]
        public void The_account_button_is_off_until_the_account_is_saved()
        {
            XElement ribbon = Ribbon("Account");
            XElement rule = ribbon.Element("RuleDefinitions")!.Element("EnableRules")!.Elements("EnableRule")
                .Single(r => (string?)r.Attribute("Id") == "adv.account.SavedAccount.EnableRule");
            XElement state = rule.Element("FormStateRule")!;
            Assert.AreEqual("Create", (string?)state.Attribute("State"));
            Assert.AreEqual("true", (string?)state.Attribute("InvertResult"));
        }

        [TestMethod]
        public void The_script_behaves_against_a_stub_Xrm_in_Node()
        {
            string[] functions = Commands().Select(c => (string)c.Command.Element("Actions")!.Element("JavaScriptFunction")!.Attribute("FunctionName")!).Distinct().ToArray();
            string test = Path.Combine(PackagingTestSupport.RepoRoot, "tests", "Advocacy.Plugins.Tests", "Operations", "commands.test.js");
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(test);
            start.ArgumentList.Add(Path.Combine(SolutionRoot, "WebResources", Script));
            foreach (string function in functions)
            {
                start.ArgumentList.Add(function);
            }

            Process node;
            try
            {
                node = Process.Start(start)!;
            }
            catch (Win32Exception e)
            {
                Assert.Inconclusive($"Skipped: Node.js ('node') is not on the PATH ({e.Message}); install Node 18 or later to test the command-bar script.");
                return;
            }

            using (node)
            {
                var stderr = node.StandardError.ReadToEndAsync();
                string output = node.StandardOutput.ReadToEnd();
                node.WaitForExit();
                Assert.AreEqual(0, node.ExitCode, Environment.NewLine + output + stderr.Result);
                StringAssert.Contains(output, " passed, 0 failed");
            }
        }
    }
}
