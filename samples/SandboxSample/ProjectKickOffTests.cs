using Advocacy.Sandbox;
using Contoso.Model;
using Contoso.Plugins;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Contoso.Plugins.Tests;

[TestClass]
public class ProjectKickOffTests
{
    private static DataverseSandbox Sandbox()
    {
        // Metadata from this project's own unpacked solution, copied beside the test binaries.
        var sandbox = DataverseSandbox.FromSolutionFolders(Path.Combine(AppContext.BaseDirectory, "solution"));
        sandbox.Clock.UtcNow = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
        return sandbox;
    }

    [TestMethod]
    public void Creating_a_project_gives_it_a_code_and_plans_its_kick_off()
    {
        var sandbox = Sandbox();
        sandbox.RegisterStep<ProjectKickOffPlugin>("Create", "contoso_project", PipelineStage.PreOperation);
        sandbox.RegisterStep<ProjectKickOffPlugin>("Create", "contoso_project", PipelineStage.PostOperation);

        Guid id = sandbox.Service.Create(new Entity("contoso_project") { ["contoso_name"] = "Apollo", ["contoso_budget"] = new Money(5000m) });

        Assert.AreEqual("PRJ-APOLLO", sandbox.Get("contoso_project", id)["contoso_code"]);
        var task = sandbox.Rows("task").Single();
        Assert.AreEqual("Kick-off: Apollo", task["subject"]);
        Assert.AreEqual(new DateTime(2026, 3, 13, 9, 0, 0, DateTimeKind.Utc), task["scheduledend"]);
        Assert.AreEqual(1, sandbox.RoundTrips(nameof(ProjectKickOffPlugin)));
    }

    [TestMethod]
    public void The_plug_in_alone_with_a_target_refuses_a_project_without_a_name()
    {
        var sandbox = Sandbox();

        var e = Assert.ThrowsExactly<InvalidPluginExecutionException>(() =>
            sandbox.ExecutePluginWithTarget<ProjectKickOffPlugin>(new Entity("contoso_project"), "Create", PipelineStage.PreOperation));

        Assert.AreEqual("Give the project a name before saving it.", e.Message);
        CollectionAssert.AreEqual(new[] { "refused: the project has no name" }, sandbox.Traces(nameof(ProjectKickOffPlugin)).ToArray());
    }

    [TestMethod]
    public void The_solution_metadata_refuses_a_column_the_solution_does_not_define()
    {
        var sandbox = Sandbox();
        Assert.ThrowsExactly<SandboxFaultException>(() =>
            sandbox.Service.Create(new Entity("contoso_project") { ["contoso_name"] = "Apollo", ["contoso_colour"] = "red" }));
    }

    [TestMethod]
    public void In_lenient_mode_the_plug_in_runs_against_a_table_no_solution_describes()
    {
        var sandbox = DataverseSandbox.Lenient();
        var target = new Entity("contoso_project") { ["contoso_name"] = "Gemini" };

        var run = sandbox.ExecutePluginWithTarget<ProjectKickOffPlugin>(target, "Create", PipelineStage.PreOperation);

        Assert.AreEqual("PRJ-GEMINI", target["contoso_code"]);
        Assert.AreEqual("code PRJ-GEMINI", run.TraceText);
    }

    [TestMethod]
    public void The_budget_activity_asks_for_approval_above_ten_thousand()
    {
        var sandbox = Sandbox();
        var project = new Entity("contoso_project", Guid.NewGuid()) { ["contoso_name"] = "Apollo", ["contoso_budget"] = new Money(25000m) };
        sandbox.Seed(project);

        var run = sandbox.ExecuteCodeActivity<BudgetApprovalActivity>(new Dictionary<string, object> { ["Project"] = project.ToEntityReference() });

        Assert.IsTrue((bool)run.Outputs["NeedsApproval"]!);
        Assert.AreEqual(1, run.RoundTrips);
    }

    [TestMethod]
    public void With_proxy_types_enabled_the_test_reads_projects_as_the_early_bound_class()
    {
        var sandbox = Sandbox();
        sandbox.EnableProxyTypes(typeof(ContosoProject).Assembly);                    // FakeXrmEasy: ProxyTypesAssembly
        sandbox.RegisterStep<ProjectKickOffPlugin>("Create", ContosoProject.EntityLogicalName, PipelineStage.PreOperation);
        var id = sandbox.Service.Create(new ContosoProject { Name = "Apollo", Budget = new Money(25000m) });

        var project = (ContosoProject)sandbox.Service.Retrieve(ContosoProject.EntityLogicalName, id, new Microsoft.Xrm.Sdk.Query.ColumnSet(true));

        Assert.AreEqual("Apollo", project.Name);
        Assert.AreEqual("PRJ-APOLLO", project.GetAttributeValue<string>("contoso_code"));
    }
}
