using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The optional parameters with which a caller bypasses custom business logic (Microsoft Learn, "Bypass custom Dataverse
    /// logic"): <c>BypassCustomPluginExecution</c> = true skips custom synchronous steps and needs prvBypassCustomPlugins;
    /// <c>BypassBusinessLogicExecution</c> = "CustomSync", "CustomAsync" or "CustomSync,CustomAsync" skips those kinds and
    /// needs prvBypassCustomBusinessLogic (only System Administrators hold either by default). Every step registered with
    /// the sandbox is custom logic; the platform's own behaviour (cascades, checks, a Custom API's main operation) is not.
    /// The bypass holds for the rows of a bulk message and the parts of a split Update. Not modelled:
    /// <c>BypassBusinessLogicExecutionStepIds</c> (steps here have no registration ids) and flows.
    /// </summary>
    internal sealed class BusinessLogicBypass
    {
        public const string CustomPluginsParameter = "BypassCustomPluginExecution";
        public const string BusinessLogicParameter = "BypassBusinessLogicExecution";

        public static readonly BusinessLogicBypass None = new(false, false, Array.Empty<string>());

        private BusinessLogicBypass(bool sync, bool async, IReadOnlyList<string> privileges)
        {
            Sync = sync;
            Async = async;
            Privileges = privileges;
        }

        /// <summary>Custom synchronous steps (stages 10, 20 and 40) do not run.</summary>
        public bool Sync { get; }

        /// <summary>Custom asynchronous steps are not queued.</summary>
        public bool Async { get; }

        /// <summary>The privileges the caller must hold for the bypass they asked for.</summary>
        public IReadOnlyList<string> Privileges { get; }

        public bool Any => Sync || Async;

        public static BusinessLogicBypass Of(OrganizationRequest request)
        {
            var parameters = request.Parameters;
            bool plugins = parameters.TryGetValue(CustomPluginsParameter, out var flag) && flag is true;
            bool sync = plugins, async = false;
            bool logic = false;
            if (parameters.TryGetValue(BusinessLogicParameter, out var value) && value != null)
            {
                // Chosen where Learn is silent: a value other than the documented ones is refused, not ignored, so a
                // misspelt bypass cannot silently run the logic it meant to skip.
                foreach (var part in (value as string ?? string.Empty).Split(','))
                {
                    switch (part.Trim())
                    {
                        case "CustomSync":
                            sync = logic = true;
                            break;
                        case "CustomAsync":
                            async = logic = true;
                            break;
                        default:
                            throw new SandboxFaultException(ErrorCodes.InvalidArgument,
                                $"{BusinessLogicParameter} takes CustomSync, CustomAsync or CustomSync,CustomAsync; found '{value}'.");
                    }
                }
            }

            if (!sync && !async)
            {
                return None;
            }

            var privileges = new List<string>();
            if (plugins) privileges.Add("prvBypassCustomPlugins");
            if (logic) privileges.Add("prvBypassCustomBusinessLogic");
            return new BusinessLogicBypass(sync, async, privileges);
        }
    }
}
