using System;
using Advocacy.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Packaging
{
    /// <summary>
    /// The one fixture class the packaging tests read through runtime reflection: two steps (string and enum
    /// message, images, spkl's enum numbering) and a Custom API. It is never executed.
    /// </summary>
    [CrmPluginRegistration(MessageNameEnum.Update, "account", StageEnum.PreOperation, ExecutionModeEnum.Synchronous,
        "adv_tier, name,ADV_TIER", "Sample: Update of account", 5, IsolationModeEnum.Sandbox,
        Image1Name = "PreImage", Image1Type = ImageTypeEnum.PreImage, Image1Attributes = "adv_tier,adv_advocateid",
        Image2Name = "PostImage", Image2Type = ImageTypeEnum.PostImage, Image2Attributes = "",
        Description = "Sample update step", UnSecureConfiguration = "{\"x\":1}")]
    [CrmPluginRegistration("Create", "adv_inconvenience", StageEnum.PostOperation, ExecutionModeEnum.Asynchronous,
        "", "", 1, IsolationModeEnum.Sandbox, DeleteAsyncOperation = true)]
    [CustomApi("adv_SampleApi", "Sample API", "A sample Custom API", IsFunction = true, ExecutePrivilegeName = "prvReadaccount")]
    [CustomApiParameter("AccountId", CustomApiFieldType.EntityReference, "The account", LogicalEntityName = "account")]
    [CustomApiParameter("Limit", CustomApiFieldType.Integer, "Page size", IsOptional = true)]
    [CustomApiResponse("Remaining", CustomApiFieldType.Integer, "How many remain")]
    public sealed class SampleRegisteredPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) => throw new NotSupportedException("Fixture only.");
    }
}
