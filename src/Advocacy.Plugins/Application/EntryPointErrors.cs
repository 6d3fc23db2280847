using System;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;
using Advocacy.Plugins.Domain.Settings;
using Advocacy.Plugins.Domain.Words;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Application
{
    /// <summary>
    /// The one translation from the product's own errors to what the platform shows a user: every entry point
    /// (plug-in, Custom API, workflow activity) runs its use case through <see cref="Run"/>, so a bad setting, bad
    /// input or a forged continuation reads the same wherever it is met — in the caller's language — and the trace
    /// says what was rejected (in English, for whoever reads the trace).
    /// </summary>
    public static class EntryPointErrors
    {
        public static void Run(ITracingService tracing, string entryPoint, Func<Language> callerLanguage, Action action)
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
                // Written for the admin who edits the JSON, naming its paths (quoted as written), in the caller's language.
                tracing.Trace("{0}: settings error: {1}", entryPoint, ex.Message);
                throw new InvalidPluginExecutionException(ex.MessageIn(LanguageOf(tracing, callerLanguage)), ex);
            }
            catch (AdvocacyInputException ex)
            {
                tracing.Trace("{0}: rejected input: {1}", entryPoint, ex.Message);
                throw new InvalidPluginExecutionException(ex.MessageIn(LanguageOf(tracing, callerLanguage)), ex);
            }
            catch (SweepContinuationException ex)
            {
                tracing.Trace("{0}: rejected continuation: {1}", entryPoint, ex.Detail);
                throw new InvalidPluginExecutionException(
                    LanguageOf(tracing, callerLanguage).Format(TextKey.ErrorContinuation) + " (" + ex.Detail + ")", ex);
            }
        }

        /// <summary>The caller's language; English when even that cannot be read, so the real error still reaches them.</summary>
        private static Language LanguageOf(ITracingService tracing, Func<Language> callerLanguage)
        {
            try
            {
                return callerLanguage();
            }
            catch (Exception ex)
            {
                tracing.Trace("Language: the caller's settings could not be read ({0}); the error is shown in English.", ex.Message);
                return Language.English;
            }
        }
    }
}
