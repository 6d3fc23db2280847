namespace Advocacy.Plugins.Domain
{
    // The domain's own vocabulary. Dataverse choice values are mapped to these in the Data layer, so domain
    // code never sees an OptionSetValue.

    public enum CustomerTier
    {
        Standard = 0,
        Key = 1,
        Strategic = 2,
    }

    public enum InconvenienceKind
    {
        LateDelivery = 0,
        ServiceOutage = 1,
        BillingError = 2,
        ProductDefect = 3,
        FeeOrPolicyChange = 4,
        Other = 5,
    }

    public enum ImpactBand
    {
        Low = 0,
        Moderate = 1,
        High = 2,
        Severe = 3,
    }

    public enum LoyaltyRisk
    {
        Low = 0,
        Medium = 1,
        High = 2,
    }

    public enum Specialty
    {
        Logistics = 0,
        Billing = 1,
        Technical = 2,
        Onboarding = 3,
    }

    public enum AdvocacyTaskKind
    {
        Introduction = 0,
        ImpactReview = 1,
        PostResolutionCheckIn = 2,
        ProactiveCheckIn = 3,
        DetractorRecovery = 4,
        ManagerEscalation = 5,
        UnassignedAdvocacy = 6,
    }
}
