using System;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A message to the organization service: a name and named parameters.</summary>
    public class OrganizationRequest
    {
        private ParameterCollection _parameters;

        public OrganizationRequest()
        {
        }

        public OrganizationRequest(string requestName)
        {
            RequestName = requestName;
        }

        public string RequestName { get; set; }

        public object this[string parameterName]
        {
            get { return Parameters[parameterName]; }
            set { Parameters[parameterName] = value; }
        }

        public ParameterCollection Parameters
        {
            get { return _parameters ?? (_parameters = new ParameterCollection()); }
            set { _parameters = value; }
        }

        public Guid? RequestId { get; set; }

        // Typed requests read their parameters leniently: a missing one is default, as Microsoft's do.
        internal T Get<T>(string key) => Parameters.TryGetValue(key, out object value) && value != null ? (T)value : default(T);
    }

    /// <summary>The answer to an <see cref="OrganizationRequest"/>: a name and named results.</summary>
    public class OrganizationResponse
    {
        private ParameterCollection _results;

        public string ResponseName { get; set; }

        public object this[string parameterName]
        {
            get { return Results[parameterName]; }
            set { Results[parameterName] = value; }
        }

        public ParameterCollection Results
        {
            get { return _results ?? (_results = new ParameterCollection()); }
            set { _results = value; }
        }

        internal T Get<T>(string key) => Results.TryGetValue(key, out object value) && value != null ? (T)value : default(T);
    }

    public sealed class ExecuteMultipleSettings
    {
        public bool ContinueOnError { get; set; }

        public bool ReturnResponses { get; set; }
    }

    public sealed class ExecuteMultipleResponseItem
    {
        public int RequestIndex { get; set; }

        public OrganizationResponse Response { get; set; }

        public OrganizationServiceFault Fault { get; set; }
    }

    public abstract class BaseServiceFault
    {
        private ErrorDetailCollection _errorDetails;

        protected BaseServiceFault()
        {
        }

        public string Message { get; set; }

        public int ErrorCode { get; set; }

        public string HelpLink { get; set; }

        public DateTime Timestamp { get; set; }

        public Guid ActivityId { get; set; }

        public ErrorDetailCollection ErrorDetails
        {
            get { return _errorDetails ?? (_errorDetails = new ErrorDetailCollection()); }
            set { _errorDetails = value; }
        }
    }

    /// <summary>The fault the organization service reports for a failed request.</summary>
    public class OrganizationServiceFault : BaseServiceFault
    {
        public string TraceText { get; set; }

        public OrganizationServiceFault InnerFault { get; set; }
    }

    /// <summary>
    /// The fault of a failed ExecuteTransaction: raised as FaultException&lt;OrganizationServiceFault&gt; with this as
    /// its Detail, naming the request that failed.
    /// </summary>
    public sealed class ExecuteTransactionFault : OrganizationServiceFault
    {
        /// <summary>The index in the Requests collection of the message request that resulted in the fault.</summary>
        public int FaultedRequestIndex { get; set; }
    }
}
