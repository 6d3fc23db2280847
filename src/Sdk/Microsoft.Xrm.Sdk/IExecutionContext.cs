namespace Microsoft.Xrm.Sdk
{
    public interface IExecutionContext
    {
    }
}
