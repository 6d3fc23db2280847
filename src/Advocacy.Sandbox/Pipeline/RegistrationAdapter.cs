using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Advocacy.Registration;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// Turns what Advocacy.Registration reads from the attributes into the sandbox's steps — the same reader
    /// the packer uses, so the sandbox runs exactly the steps that will be deployed.
    /// </summary>
    internal static class RegistrationAdapter
    {
        public static void Register(Assembly assembly, StepRegistry registry, Func<Type, bool>? include = null)
        {
            var registration = RegistrationReader.Read(assembly);
            foreach (var type in registration.Types.Where(t => t.IsPlugin))
            {
                var clr = assembly.GetType(type.TypeName, throwOnError: true)!;
                if (include != null && !include(clr))
                {
                    continue;
                }
                foreach (var step in type.Steps)
                {
                    registry.Add(ToStep(step, clr));
                }
                if (type.CustomApi is { } api)
                {
                    var main = new PipelineStep(api.UniqueName, clr, api.UniqueName, api.BoundEntityLogicalName, PipelineStage.MainOperation, false, 1);
                    var required = api.RequestParameters.Where(p => !p.IsOptional).Select(p => p.UniqueName);
                    registry.AddCustomApi(new CustomApiHandler(api.UniqueName, main, required, api.BoundEntityLogicalName, api.ExecutePrivilegeName));
                }
            }
        }

        private static PipelineStep ToStep(StepRegistration step, Type clr)
        {
            var images = step.Images.Select(i => new StepImage(i.EntityAlias,
                i.ImageType is ImageType.PreImage or ImageType.Both,
                i.ImageType is ImageType.PostImage or ImageType.Both,
                i.Attributes));
            return new PipelineStep(step.Name, clr, step.Message, step.PrimaryEntity, (PipelineStage)(int)step.Stage,
                step.Mode == StepMode.Asynchronous, step.Rank, step.FilteringAttributes, images,
                step.UnsecureConfiguration, step.SecureConfiguration);
        }
    }
}
