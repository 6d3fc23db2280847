namespace Advocacy.Plugins.Plugins.FollowUp
{
    /// <summary>Trace arguments that may be missing read "(none)" rather than an empty gap.</summary>
    internal static class Show
    {
        internal static object Value(object? value) => value ?? "(none)";
    }
}
