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
    public sealed class SandboxPluginExecutionContext : SandboxExecutionContext, IPluginExecutionContext4
    {
        public int Stage { get; set; }
        public IPluginExecutionContext ParentContext { get; set; } = null!;

        // IPluginExecutionContext2 and 3: no Entra ID, application user or portal in the sandbox, so their "none" values.
        public Guid UserAzureActiveDirectoryObjectId { get; set; }
        public Guid InitiatingUserAzureActiveDirectoryObjectId { get; set; }
        public Guid InitiatingUserApplicationId { get; set; }
        public Guid PortalsContactId { get; set; }
        public bool IsPortalsClientCall { get; set; }

        /// <summary>The user who signed in (the caller before any impersonation); the pipeline sets the initiating user.</summary>
        public Guid AuthenticatedUserId { get; set; }

        /// <summary>
        /// A step on CreateMultiple / UpdateMultiple / UpsertMultiple: one collection per entry of Targets, in its order,
        /// holding the images registered for the step (PreEntityImages and PostEntityImages stay empty for such a step).
        /// Empty for a step on any other message.
        /// </summary>
        public EntityImageCollection[] PreEntityImagesCollection { get; set; } = Array.Empty<EntityImageCollection>();

        /// <inheritdoc cref="PreEntityImagesCollection"/>
        public EntityImageCollection[] PostEntityImagesCollection { get; set; } = Array.Empty<EntityImageCollection>();

        internal SandboxPluginExecutionContext Copy() => (SandboxPluginExecutionContext)MemberwiseClone();
    }
}
