using System.Activities;
using Contoso.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace Contoso.Plugins;

/// <summary>A custom workflow activity: does the project's budget need a manager's approval?</summary>
public sealed class BudgetApprovalActivity : CodeActivity
{
    [Input("Project")]
    [ReferenceTarget("contoso_project")]
    [RequiredArgument]
    public InArgument<EntityReference> Project { get; set; } = null!;

    [Output("Needs approval")]
    public OutArgument<bool> NeedsApproval { get; set; } = null!;

    protected override void Execute(CodeActivityContext executionContext)
    {
        var trace = executionContext.GetExtension<ITracingService>();
        var service = executionContext.GetExtension<IOrganizationServiceFactory>().CreateOrganizationService(null);
        // Early-bound: this assembly carries [assembly: ProxyTypesAssembly], so the platform answers with ContosoProject.
        var project = (ContosoProject)service.Retrieve(ContosoProject.EntityLogicalName, Project.Get(executionContext).Id, new Microsoft.Xrm.Sdk.Query.ColumnSet("contoso_budget"));
        decimal budget = project.Budget?.Value ?? 0m;
        bool needsApproval = budget > 10000m;
        trace.Trace("budget {0}: approval {1}", budget, needsApproval ? "needed" : "not needed");
        NeedsApproval.Set(executionContext, needsApproval);
    }
}
