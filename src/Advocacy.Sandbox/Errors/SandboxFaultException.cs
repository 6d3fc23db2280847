using System;
using System.Reflection;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// What a caller of the sandbox's organization service gets where the platform raises a
    /// FaultException&lt;OrganizationServiceFault&gt; — and it is one: plug-in code written the platform's way,
    /// <c>catch (FaultException&lt;OrganizationServiceFault&gt; e) when (e.Detail.ErrorCode == …)</c>, catches it as
    /// it would in Dataverse, with the platform's code and message in <see cref="FaultException{TDetail}.Detail"/>.
    /// Tests can assert on this type, on <see cref="ErrorCode"/> and on the message.
    /// </summary>
    /// <remarks>
    /// Unlike the platform's fault, which crosses the wire without one, this keeps the .NET exception that caused it (a
    /// plug-in's, say) as <see cref="Exception.InnerException"/> — its stack trace is what a failing test should show. A
    /// failed plug-in's fault carries the plug-in's trace lines in Detail.TraceText, followed by the exception (the
    /// platform returns a failed plug-in's trace with its fault: it is what the app's "Download Log File" shows); another
    /// fault carries the exception behind it there, if any.
    /// </remarks>
    public sealed class SandboxFaultException : FaultException<OrganizationServiceFault>
    {
        // FaultException has no constructor that takes an inner exception (the platform's never has one); the sandbox sets
        // the field Exception itself keeps it in. Null on a runtime without it: then only TraceText carries the cause.
        private static readonly FieldInfo? InnerExceptionField = typeof(Exception).GetField("_innerException", BindingFlags.Instance | BindingFlags.NonPublic);

        /// <param name="traceText">The fault's TraceText: a failed plug-in's trace lines, as the platform returns them with its fault.</param>
        public SandboxFaultException(int errorCode, string message, Exception? inner = null, string? traceText = null)
            : this(Fault(new OrganizationServiceFault(), errorCode, message, inner, traceText), inner)
        {
        }

        private SandboxFaultException(OrganizationServiceFault detail, Exception? inner)
            : base(detail, new FaultReason(detail.Message))
        {
            ErrorCode = detail.ErrorCode;
            HResult = detail.ErrorCode;
            if (inner != null)
            {
                InnerExceptionField?.SetValue(this, inner);
            }
        }

        /// <summary>
        /// A failed ExecuteTransaction's fault: the failed request's code and message, with an ExecuteTransactionFault as
        /// Detail naming its index — as the platform raises it, so <c>((ExecuteTransactionFault)e.Detail).FaultedRequestIndex</c>
        /// works as Microsoft's sample reads it.
        /// </summary>
        internal static SandboxFaultException InTransaction(int errorCode, string message, int faultedRequestIndex, Exception? inner = null) =>
            new(Fault(new ExecuteTransactionFault { FaultedRequestIndex = faultedRequestIndex }, errorCode, message, inner, null), inner);

        private static OrganizationServiceFault Fault(OrganizationServiceFault fault, int errorCode, string message, Exception? inner, string? traceText)
        {
            fault.ErrorCode = errorCode;
            fault.Message = message;
            fault.Timestamp = DateTime.UtcNow;
            fault.TraceText = traceText ?? (inner == null ? null : Describe(inner));
            return fault;
        }

        /// <summary>
        /// An exception as a fault's TraceText shows it: a fault it wraps keeps that fault's own trace (a failed
        /// ExecuteTransaction request's plug-in trace, say); any other exception is its type, message and stack — not
        /// ToString(), which Microsoft's InvalidPluginExecutionException overrides with its status fields.
        /// </summary>
        internal static string Describe(Exception e) =>
            e is SandboxFaultException { Detail.TraceText: { } trace }
                ? trace
                : $"{e.GetType().FullName}: {e.Message}{Environment.NewLine}{e.StackTrace}";

        /// <summary>The platform's error code (the same as Detail.ErrorCode).</summary>
        public int ErrorCode { get; }

        /// <summary>For ExecuteTransaction: the index of the request that failed (the Detail's ExecuteTransactionFault.FaultedRequestIndex).</summary>
        public int? FaultedRequestIndex => (Detail as ExecuteTransactionFault)?.FaultedRequestIndex;
    }

    /// <summary>Dataverse's error codes for the faults the sandbox raises (values as the platform reports them).</summary>
    public static class ErrorCodes
    {
        public const int ObjectDoesNotExist = unchecked((int)0x80040217);      // -2147220969
        public const int DuplicateRecord = unchecked((int)0x80040237);         // -2147220937
        public const int InvalidArgument = unchecked((int)0x80040203);         // -2147220989
        public const int AttributeNotFound = unchecked((int)0x80041103);       // -2147217149 QueryBuilderNoAttribute
        /// <summary>
        /// -2147217150 QueryBuilderNoEntity: a table name the organization does not know. Faults users have posted with the
        /// platform's "The entity with a name = … was not found in the MetadataCache." carry this code (it was
        /// ObjectDoesNotExist's here before the seventh session).
        /// </summary>
        public const int EntityNotFound = unchecked((int)0x80041102);
        public const int IsvAborted = unchecked((int)0x80040265);              // -2147220891, InvalidPluginExecutionException
        public const int PluginUnexpected = unchecked((int)0x80040224);        // -2147220956
        public const int InfiniteLoop = unchecked((int)0x80044182);            // -2147204734 SdkMessageProcessingStep loop
        public const int NoActiveTransaction = unchecked((int)0x80040251);     // the "ignored a failed call" fault
        public const int DeadlockOrTimeout = unchecked((int)0x80044151);       // -2147204783 SqlDeadlock-like
        public const int OutOfRange = unchecked((int)0x8004431A);              // -2147204326 PicklistValueOutOfRange: a choice value the column does not define
        public const int IntegerValueOutOfRange = unchecked((int)0x8004432F);  // -2147204305: a whole number outside the column's MinValue/MaxValue
        public const int DecimalValueOutOfRange = unchecked((int)0x80044330);  // -2147204304: a decimal (or float) outside the column's MinValue/MaxValue
        public const int MoneySizeExceeded = unchecked((int)0x80040317);       // -2147220713: "Supplied value exceeded the MIN/MAX value of Money Type field."
        public const int InvalidDateTime = unchecked((int)0x80040239);         // -2147220935: "… value is outside the supported range" (before 1753)
        public const int RecordNotFoundByEntityKey = unchecked((int)0x80060891); // -2147088239: no row has the given alternate key values
        public const int StringLengthTooLong = unchecked((int)0x80044331);     // -2147204303, text longer than the column's MaxLength
        public const int UnsupportedMessage = unchecked((int)0x80040800);
        public const int DuplicateKey = unchecked((int)0x80060892);            // -2147088238 DuplicateRecordEntityKey: alternate key already exists
        public const int EntityKeyNotDefined = unchecked((int)0x80060890);     // -2147088240: a row looked up by columns that are no alternate key
        public const int ReferencedByRestrict = unchecked((int)0x80040227);    // delete refused: a Restrict relationship has children
        public const int InvalidStateCodeStatusCode = unchecked((int)0x80048408); // -2147187704, a status reason of another state

        /// <summary>
        /// -2147220273 CaseAlreadyResolved (Microsoft Learn, "Web service error codes"): "This case has already been resolved.
        /// Close and reopen the case record to see the updates." Raised by Microsoft's own pre-operation step on a case's
        /// Update (Microsoft.Dynamics.Service.Plugins.PreOperationIncidentUpdate, as a trace posted to XrmMockup's issue 78 shows).
        /// </summary>
        public const int CaseAlreadyResolved = unchecked((int)0x800404CF);

        /// <summary>
        /// -2147220960 PrivilegeDenied: no role of the principal grants the privilege ("Principal user … is missing
        /// prv… privilege … on OTC=…"). Microsoft Learn, "Troubleshoot Dataverse client errors".
        /// </summary>
        public const int PrivilegeDenied = unchecked((int)0x80040220);

        /// <summary>
        /// -2147187962: the privilege is held but its access level does not reach the row ("Principal with id … does not
        /// have ReadAccess right(s) for record with id … of entity …"). Microsoft Learn, "Troubleshoot Dataverse client errors".
        /// </summary>
        public const int AccessCheckFailed = unchecked((int)0x80048306);

        /// <summary>
        /// Field security (Microsoft Learn, "Web service error codes"): AttributePrivilegeCreateIsMissing 0x8004F502 "The
        /// user does not have create permissions to a secured field. The requested operation could not be completed."
        /// </summary>
        public const int AttributePrivilegeCreateIsMissing = unchecked((int)0x8004F502);

        /// <summary>
        /// TargetPrincipalLacksReadPrivilege 0x80040299 (Microsoft Learn, "Web service error codes"): "Target user or team does
        /// not hold the required read privilege to own the record."
        /// </summary>
        public const int TargetPrincipalLacksReadPrivilege = unchecked((int)0x80040299);

        /// <summary>AttributePermissionUpdateIsMissingDuringUpdate 0x8004F507 "The user doesn't have AttributePrivilegeUpdate and not granted shared access for a secured attribute during update operation".</summary>
        public const int AttributePermissionUpdateIsMissingDuringUpdate = unchecked((int)0x8004F507);
    }

    /// <summary>Builds the faults with the platform's wording in one place.</summary>
    internal static class Faults
    {
        public static SandboxFaultException DoesNotExist(string entity, Guid id) =>
            new(ErrorCodes.ObjectDoesNotExist, $"{entity} With Id = {id} Does Not Exist");

        public static SandboxFaultException Restricted(string entity, Guid id, string relationship, string referencing) =>
            new(ErrorCodes.ReferencedByRestrict, $"The {entity} {id} cannot be deleted because it is associated with {referencing} records (relationship {relationship}, delete behaviour Restrict).");

        public static SandboxFaultException CaseAlreadyResolved() =>
            new(ErrorCodes.CaseAlreadyResolved, "This case has already been resolved. Close and reopen the case record to see the updates.");

        /// <summary>
        /// The platform's words when a case is resolved by Update or SetState instead of CloseIncident, as a fault posted to
        /// Microsoft.Xrm.Data.PowerShell's issue 288 reads (two spaces after the first sentence included). Its code is in no
        /// list Microsoft publishes (the opportunity's twin is CannotUseOpportunitySetStateMessage): InvalidArgument here.
        /// </summary>
        public static SandboxFaultException UseCloseIncident() =>
            new(ErrorCodes.InvalidArgument, "This message can not be used to set the state of incident to Closed.  In order to set state of incident to Closed, use the CloseIncidentRequest message instead.");

        /// <summary>
        /// A change to a completed or canceled activity, in the words real faults quote (Microsoft.Xrm.Data.PowerShell's
        /// issue 222). Its code is in no list Microsoft publishes: InvalidArgument here.
        /// </summary>
        public static SandboxFaultException ClosedActivity() =>
            new(ErrorCodes.InvalidArgument, "Cannot update Closed or Cancelled Activity");

        /// <summary>
        /// A message the table does not take, in the platform's words (0x80040800, as faults users have posted show:
        /// "The 'Delete' method does not support entities of type 'appmodulecomponent'. MessageProcessorCache returned
        /// MessageProcessor.Empty."; a FetchXML query of calendarrule gets the same for RetrieveMultiple).
        /// </summary>
        public static SandboxFaultException MessageNotSupported(string message, string table) =>
            new(ErrorCodes.UnsupportedMessage, $"The '{message}' method does not support entities of type '{table}'. MessageProcessorCache returned MessageProcessor.Empty. ");

        public static SandboxFaultException Duplicate(string entity, Guid id) =>
            new(ErrorCodes.DuplicateRecord, $"Cannot insert duplicate key. A record of type '{entity}' with Id = {id} already exists.");

        public static SandboxFaultException UnknownEntity(string entity) =>
            new(ErrorCodes.EntityNotFound, $"The entity with a name = '{entity}' with namemapping = 'Logical' was not found in the MetadataCache.");

        public static SandboxFaultException UnknownAttribute(string entity, string attribute) =>
            new(ErrorCodes.AttributeNotFound, $"'{entity}' entity doesn't contain attribute with Name = '{attribute}' and NameMapping = 'Logical'. MetadataCacheDetails: sandbox metadata read from the solution folder");

        public static SandboxFaultException WrongType(string entity, string attribute, object value, string expected) =>
            new(ErrorCodes.InvalidArgument, $"Incorrect attribute value type {value.GetType().FullName} (attribute '{attribute}' of '{entity}' expects {expected})");

        /// <summary>A number or amount outside the range a column (or the platform) allows, in the platform's validation words.</summary>
        public static SandboxFaultException OutsideValidRange(int code, string entity, string attribute, string value, string low, string high) =>
            new(code, $"A validation error occurred. The value {value} of '{attribute}' on record of type '{entity}' is outside the valid range. Accepted Values: Between {low} and {high}");

        public static SandboxFaultException OutOfRange(string entity, string attribute, int value) =>
            new(ErrorCodes.OutOfRange, $"A validation error occurred. The value {value} of '{attribute}' on record of type '{entity}' is outside the valid range.");

        public static SandboxFaultException InfiniteLoop() =>
            new(ErrorCodes.InfiniteLoop, "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again. For information about workflow logic, see Help.");

        public static SandboxFaultException NoActiveTransaction() =>
            new(ErrorCodes.NoActiveTransaction, "There is no active transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.");
    }
}
