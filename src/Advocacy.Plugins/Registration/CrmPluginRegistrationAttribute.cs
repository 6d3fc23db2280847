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

/// <summary>
/// spkl's well-known messages with spkl's own numbers: spkl reads the constructor argument as a number and turns it
/// into *its* enum, so a name here must sit at the value spkl gives it or the step is deployed on another message
/// (RegistrationConformanceTests pins every value). Any other message is given by name.
/// </summary>
public enum MessageNameEnum
{
    AddItem = 0,
    AddListMembers = 1,
    AddMember = 2,
    AddMembers = 3,
    AddPrincipalToQueue = 4,
    AddPrivileges = 5,
    AddProductToKit = 6,
    AddRecurrence = 7,
    AddToQueue = 8,
    AddUserToRecordTeam = 9,
    ApplyRecordCreationAndUpdateRule = 10,
    Assign = 11,
    Associate = 12,
    BackgroundSend = 13,
    Book = 14,
    CalculatePrice = 15,
    Cancel = 16,
    CheckIncoming = 17,
    CheckPromote = 18,
    Clone = 19,
    CloneMobileOfflineProfile = 20,
    CloneProduct = 21,
    Close = 22,
    CopyDynamicListToStatic = 23,
    CopySystemForm = 24,
    Create = 25,
    CreateException = 26,
    CreateInstance = 27,
    CreateKnowledgeArticleTranslation = 28,
    CreateKnowledgeArticleVersion = 29,
    Delete = 30,
    DeleteOpenInstances = 31,
    DeliverIncoming = 32,
    DeliverPromote = 33,
    Disassociate = 34,
    Execute = 35,
    ExecuteById = 36,
    Export = 37,
    GenerateSocialProfile = 38,
    GetDefaultPriceLevel = 39,
    GrantAccess = 40,
    Import = 41,
    LockInvoicePricing = 42,
    LockSalesOrderPricing = 43,
    Lose = 44,
    Merge = 45,
    ModifyAccess = 46,
    PickFromQueue = 47,
    Publish = 48,
    PublishAll = 49,
    PublishTheme = 50,
    QualifyLead = 51,
    Recalculate = 52,
    ReleaseToQueue = 53,
    RemoveFromQueue = 54,
    RemoveItem = 55,
    RemoveMember = 56,
    RemoveMembers = 57,
    RemovePrivilege = 58,
    RemoveProductFromKit = 59,
    RemoveRelated = 60,
    RemoveUserFromRecordTeam = 61,
    ReplacePrivileges = 62,
    Reschedule = 63,
    Retrieve = 64,
    RetrieveExchangeRate = 65,
    RetrieveFilteredForms = 66,
    RetrieveMultiple = 67,
    RetrievePersonalWall = 68,
    RetrievePrincipalAccess = 69,
    RetrieveRecordWall = 70,
    RetrieveSharedPrincipalsAndAccess = 71,
    RetrieveUnpublished = 72,
    RetrieveUnpublishedMultiple = 73,
    RetrieveUserQueues = 74,
    RevokeAccess = 75,
    RouteTo = 76,
    Send = 77,
    SendFromTemplate = 78,
    SetLocLabels = 79,
    SetRelated = 80,
    SetState = 81,
    TriggerServiceEndpointCheck = 82,
    UnlockInvoicePricing = 83,
    UnlockSalesOrderPricing = 84,
    Update = 85,
    ValidateRecurrenceRule = 86,
    Win = 87,
}
