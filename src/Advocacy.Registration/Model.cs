using System;
using System.Collections.Generic;
using System.Linq;

namespace Advocacy.Registration
{
    /// <summary>Step execution mode, numbered as the platform stores it (sdkmessageprocessingstep.mode).</summary>
    public enum StepMode
    {
        /// <summary>Runs in the caller's transaction (platform value 0; spkl's ExecutionModeEnum.Synchronous = 1).</summary>
        Synchronous = 0,

        /// <summary>Queued as a system job (platform value 1; spkl's ExecutionModeEnum.Asynchronous = 0).</summary>
        Asynchronous = 1,
    }

    /// <summary>Pipeline stage, numbered as the platform stores it.</summary>
    public enum StepStage
    {
        /// <summary>Before the main operation, outside the database transaction (10).</summary>
        PreValidation = 10,

        /// <summary>Before the main operation, inside the transaction (20).</summary>
        PreOperation = 20,

        /// <summary>The main operation itself (30); only Custom API plug-ins run here.</summary>
        MainOperation = 30,

        /// <summary>After the main operation (40).</summary>
        PostOperation = 40,
    }

    /// <summary>Entity image type, numbered as the platform stores it (spkl uses the same numbers).</summary>
    public enum ImageType
    {
        /// <summary>The row before the operation.</summary>
        PreImage = 0,

        /// <summary>The row after the operation.</summary>
        PostImage = 1,

        /// <summary>Both images under the same alias.</summary>
        Both = 2,
    }

    /// <summary>Assembly isolation mode, numbered as the platform stores it (pluginassembly.isolationmode).</summary>
    public enum IsolationMode
    {
        /// <summary>Full trust (platform 1; spkl's IsolationModeEnum.None = 0). Not allowed online.</summary>
        None = 1,

        /// <summary>The sandbox (platform 2; spkl's IsolationModeEnum.Sandbox = 1).</summary>
        Sandbox = 2,
    }

    /// <summary>Where a step runs (sdkmessageprocessingstep.supporteddeployment).</summary>
    public enum SupportedDeployment
    {
        /// <summary>On the server only (0).</summary>
        ServerOnly = 0,

        /// <summary>In the offline client only (1).</summary>
        MicrosoftDynamics365Client = 1,

        /// <summary>Both (2).</summary>
        Both = 2,
    }

    /// <summary>Custom API binding (customapi.bindingtype).</summary>
    public enum CustomApiBinding
    {
        /// <summary>Not bound to a table (0).</summary>
        Global = 0,

        /// <summary>Bound to one row of a table (1).</summary>
        Entity = 1,

        /// <summary>Bound to a collection of rows (2).</summary>
        EntityCollection = 2,
    }

    /// <summary>Everything a plug-in assembly declares for registration, with deterministic ids.</summary>
    public sealed class PluginAssemblyRegistration
    {
        /// <summary>The assembly's simple name, e.g. <c>Advocacy.Plugins</c>.</summary>
        public required string Name { get; init; }

        /// <summary>The assembly version as text, e.g. <c>1.0.0.0</c>.</summary>
        public required string Version { get; init; }

        /// <summary>The culture, <c>neutral</c> when none.</summary>
        public required string Culture { get; init; }

        /// <summary>The public key token in lower-case hex, or <c>null</c> for an unsigned assembly.</summary>
        public string? PublicKeyToken { get; init; }

        /// <summary><c>Name, Version=…, Culture=…, PublicKeyToken=…</c>, as Dataverse names the assembly.</summary>
        public string FullName =>
            $"{Name}, Version={Version}, Culture={Culture}, PublicKeyToken={PublicKeyToken ?? "null"}";

        /// <summary>The plug-in assembly id: v5 GUID of <c>pluginassembly:{Name}</c> (stable across versions).</summary>
        public required Guid Id { get; init; }

        /// <summary>The isolation mode every registration of the assembly asked for (Sandbox unless all say None).</summary>
        public required IsolationMode IsolationMode { get; init; }

        /// <summary>Every plug-in type and workflow activity type, ordered by type name.</summary>
        public required IReadOnlyList<PluginTypeRegistration> Types { get; init; }

        /// <summary>Every step of every plug-in type, ordered by type name then declaration.</summary>
        public IEnumerable<StepRegistration> Steps => Types.SelectMany(t => t.Steps);

        /// <summary>Every Custom API, ordered by unique name.</summary>
        public IEnumerable<CustomApiRegistration> CustomApis =>
            Types.Where(t => t.CustomApi != null).Select(t => t.CustomApi!).OrderBy(a => a.UniqueName, StringComparer.Ordinal);

        /// <summary>The type with the given full name, or <c>null</c>.</summary>
        public PluginTypeRegistration? FindType(string typeFullName) =>
            Types.FirstOrDefault(t => string.Equals(t.TypeName, typeFullName, StringComparison.Ordinal));
    }

    /// <summary>A plug-in (IPlugin) or custom workflow activity (CodeActivity) class.</summary>
    public sealed class PluginTypeRegistration
    {
        /// <summary>Namespace-qualified type name, e.g. <c>Advocacy.Plugins.Plugins.AccountTierPlugin</c>.</summary>
        public required string TypeName { get; init; }

        /// <summary><c>{TypeName}, {assembly full name}</c>.</summary>
        public required string AssemblyQualifiedName { get; init; }

        /// <summary>v5 GUID of <c>plugintype:{assembly name}/{TypeName}</c>.</summary>
        public required Guid Id { get; init; }

        /// <summary>True when the class derives from System.Activities.CodeActivity.</summary>
        public required bool IsWorkflowActivity { get; init; }

        /// <summary>True when the class implements Microsoft.Xrm.Sdk.IPlugin.</summary>
        public required bool IsPlugin { get; init; }

        /// <summary>The registration name (the workflow activity's name, else the type name).</summary>
        public required string Name { get; init; }

        /// <summary>The friendly name (the workflow activity's, else the type name).</summary>
        public required string FriendlyName { get; init; }

        /// <summary>Description (workflow activities only), or <c>null</c>.</summary>
        public string? Description { get; init; }

        /// <summary>The workflow designer details for a custom workflow activity, else <c>null</c>.</summary>
        public WorkflowActivityRegistration? WorkflowActivity { get; init; }

        /// <summary>Steps declared on this class, in declaration order (empty for workflow activities).</summary>
        public required IReadOnlyList<StepRegistration> Steps { get; init; }

        /// <summary>The Custom API this class implements, or <c>null</c>.</summary>
        public CustomApiRegistration? CustomApi { get; init; }
    }

    /// <summary>How a custom workflow activity shows in the classic workflow designer.</summary>
    public sealed class WorkflowActivityRegistration
    {
        /// <summary>The activity's name.</summary>
        public required string Name { get; init; }

        /// <summary>The friendly name shown in the designer.</summary>
        public required string FriendlyName { get; init; }

        /// <summary>Description, or <c>null</c>.</summary>
        public string? Description { get; init; }

        /// <summary>The designer's group (menu) name; <c>{assembly} ({version})</c> when the attribute leaves it empty.</summary>
        public required string GroupName { get; init; }
    }

    /// <summary>One sdkmessageprocessingstep.</summary>
    public sealed class StepRegistration
    {
        /// <summary>The attribute's <c>Id</c> when given, else v5 GUID of <c>step:{type}/{message}/{entity}/{stage}/{name}</c>.</summary>
        public required Guid Id { get; init; }

        /// <summary>The step's name (<c>{type}: {message} of {entity}</c> when the attribute gives none).</summary>
        public required string Name { get; init; }

        /// <summary>The plug-in type's full name.</summary>
        public required string PluginTypeName { get; init; }

        /// <summary>The plug-in type's id.</summary>
        public required Guid PluginTypeId { get; init; }

        /// <summary>The message, e.g. <c>Create</c>, <c>Update</c>, <c>adv_RunProactiveSweep</c>.</summary>
        public required string Message { get; init; }

        /// <summary>The primary table's logical name, or <c>null</c> for any table / no table.</summary>
        public string? PrimaryEntity { get; init; }

        /// <summary>Pipeline stage.</summary>
        public required StepStage Stage { get; init; }

        /// <summary>Execution mode in the platform's numbering.</summary>
        public required StepMode Mode { get; init; }

        /// <summary>Execution order (rank) among steps of the same event.</summary>
        public required int Rank { get; init; }

        /// <summary>Filtering attributes (logical names, lower case, sorted, distinct); empty = all columns.</summary>
        public required IReadOnlyList<string> FilteringAttributes { get; init; }

        /// <summary>Description, or <c>null</c>.</summary>
        public string? Description { get; init; }

        /// <summary>Unsecure configuration passed to the plug-in's constructor, or <c>null</c>.</summary>
        public string? UnsecureConfiguration { get; init; }

        /// <summary>Secure configuration (never packed into a solution), or <c>null</c>.</summary>
        public string? SecureConfiguration { get; init; }

        /// <summary>Delete the system job when an asynchronous step succeeds.</summary>
        public required bool AsyncAutoDelete { get; init; }

        /// <summary>Server, offline client or both.</summary>
        public required SupportedDeployment SupportedDeployment { get; init; }

        /// <summary>Entity images, in declaration order (Image1, Image2).</summary>
        public required IReadOnlyList<StepImageRegistration> Images { get; init; }
    }

    /// <summary>One sdkmessageprocessingstepimage.</summary>
    public sealed class StepImageRegistration
    {
        /// <summary>v5 GUID of <c>image:{step id}/{alias}</c>.</summary>
        public required Guid Id { get; init; }

        /// <summary>The image's name, which is also its alias (the key in PreEntityImages/PostEntityImages).</summary>
        public required string Name { get; init; }

        /// <summary>The alias under which the plug-in finds the image (same as <see cref="Name"/>).</summary>
        public string EntityAlias => Name;

        /// <summary>Pre, post or both.</summary>
        public required ImageType ImageType { get; init; }

        /// <summary>Columns in the image (lower case, sorted, distinct); empty = all columns.</summary>
        public required IReadOnlyList<string> Attributes { get; init; }

        /// <summary>The message property that identifies the row: <c>Id</c> for Create, <c>EntityMoniker</c> for SetState, else <c>Target</c>.</summary>
        public required string MessagePropertyName { get; init; }
    }

    /// <summary>A Custom API implemented by a plug-in type.</summary>
    public sealed class CustomApiRegistration
    {
        /// <summary>v5 GUID of <c>customapi:{UniqueName}</c>.</summary>
        public required Guid Id { get; init; }

        /// <summary>Unique name = message name, e.g. <c>adv_RunProactiveSweep</c>.</summary>
        public required string UniqueName { get; init; }

        /// <summary>Display name.</summary>
        public required string DisplayName { get; init; }

        /// <summary>Description.</summary>
        public required string Description { get; init; }

        /// <summary>German (1031) display name, or <c>null</c>.</summary>
        public string? GermanDisplayName { get; init; }

        /// <summary>German (1031) description, or <c>null</c>.</summary>
        public string? GermanDescription { get; init; }

        /// <summary>Global, or bound to <see cref="BoundEntityLogicalName"/>.</summary>
        public required CustomApiBinding Binding { get; init; }

        /// <summary>The bound table, or <c>null</c> when global.</summary>
        public string? BoundEntityLogicalName { get; init; }

        /// <summary>True for a function (GET), false for an action (POST).</summary>
        public required bool IsFunction { get; init; }

        /// <summary>The privilege a caller needs, or <c>null</c>.</summary>
        public string? ExecutePrivilegeName { get; init; }

        /// <summary>The implementing plug-in type's full name.</summary>
        public required string PluginTypeName { get; init; }

        /// <summary>The implementing plug-in type's id.</summary>
        public required Guid PluginTypeId { get; init; }

        /// <summary>Request parameters, in declaration order.</summary>
        public required IReadOnlyList<CustomApiParameterRegistration> RequestParameters { get; init; }

        /// <summary>Response properties, in declaration order.</summary>
        public required IReadOnlyList<CustomApiPropertyRegistration> ResponseProperties { get; init; }
    }

    /// <summary>A Custom API request parameter.</summary>
    public sealed class CustomApiParameterRegistration
    {
        /// <summary>v5 GUID of <c>customapirequestparameter:{api}/{UniqueName}</c>.</summary>
        public required Guid Id { get; init; }

        /// <summary>The parameter's unique name (the key in InputParameters).</summary>
        public required string UniqueName { get; init; }

        /// <summary>The type in the platform's numbering (Boolean = 0 … Guid = 12).</summary>
        public required int Type { get; init; }

        /// <summary>The type's name, e.g. <c>EntityReference</c>.</summary>
        public required string TypeName { get; init; }

        /// <summary>Description.</summary>
        public required string Description { get; init; }

        /// <summary>German (1031) description, or <c>null</c>.</summary>
        public string? GermanDescription { get; init; }

        /// <summary>True when the caller may omit it.</summary>
        public required bool IsOptional { get; init; }

        /// <summary>The table for Entity/EntityReference types, or <c>null</c>.</summary>
        public string? LogicalEntityName { get; init; }
    }

    /// <summary>A Custom API response property.</summary>
    public sealed class CustomApiPropertyRegistration
    {
        /// <summary>v5 GUID of <c>customapiresponseproperty:{api}/{UniqueName}</c>.</summary>
        public required Guid Id { get; init; }

        /// <summary>The property's unique name (the key in OutputParameters).</summary>
        public required string UniqueName { get; init; }

        /// <summary>The type in the platform's numbering (Boolean = 0 … Guid = 12).</summary>
        public required int Type { get; init; }

        /// <summary>The type's name, e.g. <c>Integer</c>.</summary>
        public required string TypeName { get; init; }

        /// <summary>Description.</summary>
        public required string Description { get; init; }

        /// <summary>German (1031) description, or <c>null</c>.</summary>
        public string? GermanDescription { get; init; }

        /// <summary>The table for Entity/EntityReference types, or <c>null</c>.</summary>
        public string? LogicalEntityName { get; init; }
    }
}
