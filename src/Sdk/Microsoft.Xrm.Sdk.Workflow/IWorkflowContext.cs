namespace Microsoft.Xrm.Sdk.Workflow
{
    public interface IWorkflowContext : IExecutionContext
    {
    }
}
