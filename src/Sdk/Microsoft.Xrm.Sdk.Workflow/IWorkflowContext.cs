namespace Microsoft.Xrm.Sdk.Workflow
{
    /// <summary>The execution context a custom workflow activity gets via <c>context.GetExtension&lt;IWorkflowContext&gt;()</c>.</summary>
    public interface IWorkflowContext : IExecutionContext
    {
        string StageName { get; }
        int WorkflowCategory { get; }
        int WorkflowMode { get; }
        IWorkflowContext ParentContext { get; }
    }
}
