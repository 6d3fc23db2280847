using System;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The execution context a step sees, filled as the platform fills it. One instance per step
    /// execution; the parameter collections are shared by all steps of one operation so a pre-operation
    /// change to Target reaches the write and SharedVariables pass values from step to step.
    /// </summary>
    public sealed class SandboxPluginExecutionContext : IPluginExecutionContext
    {
        public int Mode { get; internal set; }
        public int IsolationMode { get; internal set; } = 2; // sandbox
        public int Depth { get; internal set; }
        public string MessageName { get; internal set; } = "";
        public string PrimaryEntityName { get; internal set; } = "none";
        public Guid? RequestId { get; internal set; }
        public string SecondaryEntityName { get; internal set; } = "none";
        public ParameterCollection InputParameters { get; internal set; } = new();
        public ParameterCollection OutputParameters { get; internal set; } = new();
        public ParameterCollection SharedVariables { get; internal set; } = new();
        public Guid UserId { get; internal set; }
        public Guid InitiatingUserId { get; internal set; }
        public Guid BusinessUnitId { get; internal set; }
        public Guid OrganizationId { get; internal set; }
        public string OrganizationName { get; internal set; } = "sandbox";
        public Guid PrimaryEntityId { get; internal set; }
        public EntityImageCollection PreEntityImages { get; internal set; } = new();
        public EntityImageCollection PostEntityImages { get; internal set; } = new();
        public EntityReference OwningExtension { get; internal set; } = null!;
        public Guid CorrelationId { get; internal set; }
        public bool IsExecutingOffline => false;
        public bool IsOfflinePlayback => false;
        public bool IsInTransaction { get; internal set; }
        public Guid OperationId { get; internal set; }
        public DateTime OperationCreatedOn { get; internal set; }
        public int Stage { get; internal set; }
        public IPluginExecutionContext ParentContext { get; internal set; } = null!;

        internal SandboxPluginExecutionContext Copy() => (SandboxPluginExecutionContext)MemberwiseClone();
    }
}
