using Microsoft.Xrm.Sdk;

namespace Contoso.Plugins;

/// <summary>
/// Registered on Create of contoso_project: in pre-operation (20) it gives the project its code, in post-operation (40)
/// it plans the kick-off task. A project without a name is refused.
/// </summary>
public sealed class ProjectKickOffPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        var project = (Entity)context.InputParameters["Target"];
        string? name = project.GetAttributeValue<string>("contoso_name");
        if (string.IsNullOrWhiteSpace(name))
        {
            trace.Trace("refused: the project has no name");
            throw new InvalidPluginExecutionException("Give the project a name before saving it.");
        }

        if (context.Stage == 20)
        {
            project["contoso_code"] = "PRJ-" + name.ToUpperInvariant();
            trace.Trace("code {0}", project["contoso_code"]);
            return;
        }

        var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
        var service = factory.CreateOrganizationService(context.UserId);
        service.Create(new Entity("task")
        {
            ["subject"] = "Kick-off: " + name,
            ["regardingobjectid"] = new EntityReference(project.LogicalName, context.PrimaryEntityId),
            ["scheduledend"] = context.OperationCreatedOn.AddDays(3),
        });
        trace.Trace("kick-off planned for {0}", name);
    }
}
