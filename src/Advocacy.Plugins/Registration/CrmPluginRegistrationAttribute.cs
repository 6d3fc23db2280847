using System;

// spkl's registration convention: spkl (and our packer and sandbox) find these attributes by type name and
// read their constructor arguments and named properties, so the constructors, property names and enum
// values below must stay compatible with spkl's. They live in the global namespace, as spkl's do.

/// <summary>
/// Declares how a plug-in step or a custom workflow activity is registered. One attribute per step; a class
/// may carry several. The same declarations drive spkl deployment, the packed solution and the sandbox.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class CrmPluginRegistrationAttribute : Attribute
{
    /// <summary>A plug-in step for a message given by name (also Custom API and custom messages).</summary>
    public CrmPluginRegistrationAttribute(
        string message,
        string entityLogicalName,
        StageEnum stage,
        ExecutionModeEnum executionMode,
        string filteringAttributes,
        string stepName,
        int executionOrder,
        IsolationModeEnum isolationModel)
    {
        Message = message;
        EntityLogicalName = entityLogicalName;
        Stage = stage;
        ExecutionMode = executionMode;
        FilteringAttributes = filteringAttributes;
        Name = stepName;
        ExecutionOrder = executionOrder;
        IsolationMode = isolationModel;
        Server = true;
    }

    /// <summary>A plug-in step for one of the well-known messages.</summary>
    public CrmPluginRegistrationAttribute(
        MessageNameEnum message,
        string entityLogicalName,
        StageEnum stage,
        ExecutionModeEnum executionMode,
        string filteringAttributes,
        string stepName,
        int executionOrder,
        IsolationModeEnum isolationModel)
        : this(message.ToString(), entityLogicalName, stage, executionMode, filteringAttributes, stepName, executionOrder, isolationModel)
    {
    }

    /// <summary>A custom workflow activity.</summary>
    public CrmPluginRegistrationAttribute(
        string name,
        string friendlyName,
        string description,
        string groupName,
        IsolationModeEnum isolationModel)
    {
        Name = name;
        FriendlyName = friendlyName;
        Description = description;
        GroupName = groupName;
        IsolationMode = isolationModel;
    }

    public string? Id { get; set; }
    public string? FriendlyName { get; set; }
    public string? GroupName { get; set; }
    public string? Image1Name { get; set; }
    public string? Image1Attributes { get; set; }
    public string? Image2Name { get; set; }
    public string? Image2Attributes { get; set; }
    public string? Description { get; set; }
    public bool DeleteAsyncOperation { get; set; }
    public string? UnSecureConfiguration { get; set; }
    public string? SecureConfiguration { get; set; }
    public bool Offline { get; set; }
    public bool Server { get; set; }
    public ImageTypeEnum Image1Type { get; set; }
    public ImageTypeEnum Image2Type { get; set; }
    public PluginStepOperationEnum? Action { get; set; }

    public IsolationModeEnum IsolationMode { get; private set; }
    public string? Message { get; private set; }
    public string? EntityLogicalName { get; private set; }
    public string? FilteringAttributes { get; private set; }
    public string? Name { get; private set; }
    public int ExecutionOrder { get; private set; }
    public StageEnum? Stage { get; private set; }
    public ExecutionModeEnum ExecutionMode { get; private set; }
}

/// <summary>spkl's values: Asynchronous = 0, Synchronous = 1 (not the platform's step mode numbers).</summary>
public enum ExecutionModeEnum
{
    Asynchronous,
    Synchronous,
}

public enum ImageTypeEnum
{
    PreImage = 0,
    PostImage = 1,
    Both = 2,
}

/// <summary>spkl's values: None = 0, Sandbox = 1 (the platform stores 1 and 2).</summary>
public enum IsolationModeEnum
{
    None = 0,
    Sandbox = 1,
}

public enum PluginStepOperationEnum
{
    Delete = 0,
    Deactivate = 1,
}

public enum StageEnum
{
    PreValidation = 10,
    PreOperation = 20,
    PostOperation = 40,
}

/// <summary>The well-known messages this product registers on; any other message is given by name.</summary>
public enum MessageNameEnum
{
    Assign,
    Associate,
    Close,
    Create,
    Delete,
    Disassociate,
    Execute,
    Retrieve,
    RetrieveMultiple,
    SetState,
    SetStateDynamicEntity,
    Update,
    Win,
}
