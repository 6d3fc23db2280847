using System;
using Advocacy.Plugins.Application;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Plugins
{
    /// <summary>
    /// The shared shape of every plug-in here: build the per-execution context, guard against our own
    /// writes re-triggering the step, and turn domain errors into messages a user can act on.
    /// </summary>
    public abstract class AdvocacyPlugin : IPlugin
    {
        /// <summary>Steps that must not re-fire on their own writes run only at this depth or less.</summary>
        protected virtual int MaxDepth => 1;

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = new PluginContext(serviceProvider);
            var name = GetType().Name;
            if (context.Execution.Depth > MaxDepth)
            {
                context.Trace("{0}: depth {1} > {2}, skipped so our own writes cannot re-trigger it.", name, context.Execution.Depth, MaxDepth);
                return;
            }

            EntryPointErrors.Run(context.Tracing, name, () => context.CallerLanguage, () => Execute(context));
        }

        protected abstract void Execute(PluginContext context);
    }
}
