using System;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// What every execution context carries (IExecutionContext), settable: the base of the context a plug-in step sees
    /// (<see cref="SandboxPluginExecutionContext"/>) and of the one a custom workflow activity gets
    /// (<see cref="SandboxWorkflowContext"/>).
    /// </summary>
    public abstract class SandboxExecutionContext : IExecutionContext
    {
        public int Mode { get; set; }
        public int IsolationMode { get; set; } = 2; // sandbox
        public int Depth { get; set; }
        public string MessageName { get; set; } = "";
        public string PrimaryEntityName { get; set; } = "none";
        public Guid? RequestId { get; set; }
        public string SecondaryEntityName { get; set; } = "none";
        // The collections are made when first read unless set before: the pipeline sets its own on every context it builds.
        public ParameterCollection InputParameters { get => _input ??= new(); set => _input = value; }
        public ParameterCollection OutputParameters { get => _output ??= new(); set => _output = value; }
        public ParameterCollection SharedVariables { get => _shared ??= new(); set => _shared = value; }
        private ParameterCollection? _input, _output, _shared;
        public Guid UserId { get; set; }
        public Guid InitiatingUserId { get; set; }
        public Guid BusinessUnitId { get; set; }
        public Guid OrganizationId { get; set; }
        public string OrganizationName { get; set; } = "sandbox";
        public Guid PrimaryEntityId { get; set; }
        public EntityImageCollection PreEntityImages { get => _preImages ??= new(); set => _preImages = value; }
        public EntityImageCollection PostEntityImages { get => _postImages ??= new(); set => _postImages = value; }
        private EntityImageCollection? _preImages, _postImages;
        public EntityReference OwningExtension { get; set; } = null!;
        public Guid CorrelationId { get; set; }
        public bool IsExecutingOffline => false;
        public bool IsOfflinePlayback => false;
        public bool IsInTransaction { get; set; }
        public Guid OperationId { get; set; }
        public DateTime OperationCreatedOn { get; set; }
    }
}
