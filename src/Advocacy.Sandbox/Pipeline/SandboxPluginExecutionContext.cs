using System;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The execution context a step sees, filled as the platform fills it. One instance per step
    /// execution; the parameter collections are shared by all steps of one operation so a pre-operation
    /// change to Target reaches the write and SharedVariables pass values from step to step. Settable so a test can hand-make
    /// one for a single plug-in (<see cref="PluginTesting.PluginContext"/>); the pipeline fills its own.
    /// </summary>
    public sealed class SandboxPluginExecutionContext : IPluginExecutionContext
    {
        public int Mode { get; set; }
        public int IsolationMode { get; set; } = 2; // sandbox
        public int Depth { get; set; }
        public string MessageName { get; set; } = "";
        public string PrimaryEntityName { get; set; } = "none";
        public Guid? RequestId { get; set; }
        public string SecondaryEntityName { get; set; } = "none";
        public ParameterCollection InputParameters { get; set; } = new();
        public ParameterCollection OutputParameters { get; set; } = new();
        public ParameterCollection SharedVariables { get; set; } = new();
        public Guid UserId { get; set; }
        public Guid InitiatingUserId { get; set; }
        public Guid BusinessUnitId { get; set; }
        public Guid OrganizationId { get; set; }
        public string OrganizationName { get; set; } = "sandbox";
        public Guid PrimaryEntityId { get; set; }
        public EntityImageCollection PreEntityImages { get; set; } = new();
        public EntityImageCollection PostEntityImages { get; set; } = new();
        public EntityReference OwningExtension { get; set; } = null!;
        public Guid CorrelationId { get; set; }
        public bool IsExecutingOffline => false;
        public bool IsOfflinePlayback => false;
        public bool IsInTransaction { get; set; }
        public Guid OperationId { get; set; }
        public DateTime OperationCreatedOn { get; set; }
        public int Stage { get; set; }
        public IPluginExecutionContext ParentContext { get; set; } = null!;

        internal SandboxPluginExecutionContext Copy() => (SandboxPluginExecutionContext)MemberwiseClone();
    }
}
