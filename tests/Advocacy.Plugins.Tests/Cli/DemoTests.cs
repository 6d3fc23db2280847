using System.IO;
using Advocacy.Cli.Commands;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Cli
{
    [TestClass]
    public sealed class DemoTests
    {
        [TestMethod]
        public void Demo_tells_the_seed_stories_and_renders_the_report()
        {
            var folder = DataverseSandbox.FindSolutionFolder() ?? throw new AssertInconclusiveException("solution/ not found above the test assembly");
            var output = new StringWriter();

            var json = DemoCommand.Run(folder, output);

            var text = output.ToString();
            // The narration matches what happens (issue 16): nobody advocates Contoso at first, the late order brings
            // the logistics specialist, and every date reads the same way.
            StringAssert.Contains(text, "nobody advocates it yet");
            StringAssert.Contains(text, "   Account: advocate none, inconvenience index -");
            StringAssert.Contains(text, "   Account: advocate Lee Park, inconvenience index 100, loyalty risk high");
            StringAssert.Contains(text, "Introduce yourself to Contoso Pharmaceuticals as their advocate → Lee Park, due Thu 12 Mar 2026");
            StringAssert.Contains(text, "next proactive contact Sat 9 May 2026");
            Assert.IsFalse(System.Text.RegularExpressions.Regex.IsMatch(text, @"\d{4}-\d{2}-\d{2}"), "one date format: no ISO dates beside the spelled-out ones");
            StringAssert.Contains(text, "Impact 82/100 (severe): delivered 12 days late (+29)");
            StringAssert.Contains(text, "Detractor recovery: Contoso Pharmaceuticals (NPS 3/10, CSAT 2/5) → Lee Park, due Mon 13 Apr 2026", "the company offsite on Friday is skipped");
            StringAssert.Contains(text, "Manager escalation: Contoso Pharmaceuticals (NPS 3) → Morgan Manager, due Mon 13 Apr 2026");
            StringAssert.Contains(text, "→ Morgan Manager");
            StringAssert.Contains(text, "loyalty risk high");
            StringAssert.Contains(json, "\"nps\":-100");

            var rendered = new StringWriter();
            ReportRenderer.Render(json, rendered);
            StringAssert.Contains(rendered.ToString(), "All accounts");
        }
    }
}
