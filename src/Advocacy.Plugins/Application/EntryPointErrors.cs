using System;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Application
{
    /// <summary>
    /// The one translation from the product's own errors to what the platform shows a user: every entry point
    /// (plug-in, Custom API, workflow activity) runs its use case through <see cref="Run"/>, so a bad setting, bad
    /// input or a forged continuation reads the same wherever it is met, and the trace says what was rejected.
    /// </summary>
    public static class EntryPointErrors
    {
        public static void Run(ITracingService tracing, string entryPoint, Action action)
        {
            try
            {
                action();
            }
            catch (InvalidPluginExecutionException)
            {
                throw;
            }
            catch (AdvocacySettingsException ex)
            {
                tracing.Trace("{0}: settings error: {1}", entryPoint, ex.Message);
                throw new InvalidPluginExecutionException(ex.Message, ex);
            }
            catch (AdvocacyInputException ex)
            {
                tracing.Trace("{0}: rejected input: {1}", entryPoint, ex.Message);
                throw new InvalidPluginExecutionException(ex.Message, ex);
            }
            catch (SweepContinuationException ex)
            {
                tracing.Trace("{0}: rejected continuation: {1}", entryPoint, ex.Detail);
                throw new InvalidPluginExecutionException(SweepContinuationException.UserMessage + " (" + ex.Detail + ")", ex);
            }
        }
    }
}
