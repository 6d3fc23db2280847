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
            StringAssert.Contains(text, "Impact 82/100 (severe): delivered 12 days late (+29)");
            StringAssert.Contains(text, "Detractor recovery: Contoso Pharmaceuticals (NPS 3/10, CSAT 2/5)");
            StringAssert.Contains(text, "→ Morgan Manager");
            StringAssert.Contains(text, "loyalty risk high");
            StringAssert.Contains(json, "\"nps\":-100");

            var rendered = new StringWriter();
            ReportRenderer.Render(json, rendered);
            StringAssert.Contains(rendered.ToString(), "All accounts");
        }
    }
}
