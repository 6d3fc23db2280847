using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Client;

// Early-bound classes, as pac modelbuilder generates them (cut down to what the sample uses). The assembly attribute
// tells the platform to hand this assembly's plug-ins and workflow activities rows as these classes.
[assembly: ProxyTypesAssembly]

namespace Contoso.Model;

[EntityLogicalName("contoso_project")]
public sealed class ContosoProject : Entity
{
    public const string EntityLogicalName = "contoso_project";

    public ContosoProject() : base(EntityLogicalName)
    {
    }

    [AttributeLogicalName("contoso_projectid")]
    public override Guid Id
    {
        get => base.Id;
        set => base.Id = value;
    }

    [AttributeLogicalName("contoso_name")]
    public string? Name
    {
        get => GetAttributeValue<string>("contoso_name");
        set => this["contoso_name"] = value;
    }

    [AttributeLogicalName("contoso_budget")]
    public Money? Budget
    {
        get => GetAttributeValue<Money>("contoso_budget");
        set => this["contoso_budget"] = value;
    }
}
