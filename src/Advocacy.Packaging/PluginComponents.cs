using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Advocacy.Registration;

namespace Advocacy.Packaging
{
    /// <summary>
    /// Writes the solution components that come from the plug-in assembly, in the shape Dataverse exports them:
    /// the PluginAssembly element (with plug-in and workflow activity types), the SdkMessageProcessingStep elements
    /// (with images), the customapi files and the root components.
    /// </summary>
    public static class PluginComponents
    {
        /// <summary>Root component type of a plug-in assembly.</summary>
        public const int PluginAssemblyComponentType = 91;

        /// <summary>Root component type of an SDK message processing step.</summary>
        public const int StepComponentType = 92;

        /// <summary>The InvocationSource current exports write on every step (1, "Child"; the column is deprecated).</summary>
        public const string InvocationSourceChild = "1";

        /// <summary>
        /// sdkmessage ids that are the same in every organization: Create and Update as real exported solutions write
        /// them; Delete as an organisation's own sdkmessage listing (Web API) and a public registration tool's message
        /// cache both give it; Delete and Merge as Microsoft Learn's "Use messages with the Organization service" lists the
        /// account table's messages (its Web API example's sdkmessagefilters, each with its sdkmessageid). A step on any
        /// other message is packed without SdkMessageId (with a warning).
        /// </summary>
        public static readonly IReadOnlyDictionary<string, Guid> KnownMessageIds = new Dictionary<string, Guid>(StringComparer.Ordinal)
        {
            ["Create"] = new Guid("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Update"] = new Guid("20bebb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Delete"] = new Guid("a1bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Merge"] = new Guid("dbbdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        };

        /// <summary>The folder under PluginAssemblies/ that holds the assembly: <c>{name without dots}-{ID}</c>.</summary>
        public static string AssemblyFolder(PluginAssemblyRegistration assembly) =>
            $"{SafeName(assembly.Name)}-{assembly.Id.ToString("D").ToUpperInvariant()}";

        /// <summary>The zip path of the assembly, without the leading slash.</summary>
        public static string AssemblyZipPath(PluginAssemblyRegistration assembly) =>
            $"PluginAssemblies/{AssemblyFolder(assembly)}/{SafeName(assembly.Name)}.dll";

        /// <summary>The &lt;PluginAssembly&gt; element of customizations.xml.</summary>
        public static XElement PluginAssemblyElement(PluginAssemblyRegistration assembly, string introducedVersion)
        {
            return new XElement("PluginAssembly",
                new XAttribute("FullName", assembly.FullName),
                new XAttribute("PluginAssemblyId", assembly.Id.ToString("D")),
                new XAttribute("CustomizationLevel", "1"),
                new XElement("IsolationMode", ((int)assembly.IsolationMode).ToString(CultureInfo.InvariantCulture)),
                new XElement("SourceType", "0"),
                new XElement("IntroducedVersion", introducedVersion),
                new XElement("FileName", "/" + AssemblyZipPath(assembly)),
                new XElement("PluginTypes", assembly.Types.Select(TypeElement)));
        }

        private static XElement TypeElement(PluginTypeRegistration type)
        {
            // CustomizationsSolution.xsd (plugintypetype) is a sequence: Description, FriendlyName, WorkflowActivityGroupName.
            var element = new XElement("PluginType",
                new XAttribute("AssemblyQualifiedName", type.AssemblyQualifiedName),
                new XAttribute("PluginTypeId", type.Id.ToString("D")),
                new XAttribute("Name", type.Name));
            if (type.Description != null)
            {
                element.Add(new XElement("Description", type.Description));
            }

            element.Add(new XElement("FriendlyName", type.FriendlyName));

            if (type.WorkflowActivity != null)
            {
                element.Add(new XElement("WorkflowActivityGroupName", type.WorkflowActivity.GroupName));
            }

            return element;
        }

        /// <summary>The &lt;SdkMessageProcessingStep&gt; element of customizations.xml.</summary>
        public static XElement StepElement(PluginAssemblyRegistration assembly, StepRegistration step, string introducedVersion)
        {
            PluginTypeRegistration type = assembly.FindType(step.PluginTypeName)!;
            var element = new XElement("SdkMessageProcessingStep",
                new XAttribute("Name", step.Name),
                new XAttribute("SdkMessageProcessingStepId", "{" + step.Id.ToString("D") + "}"));
            if (KnownMessageIds.TryGetValue(step.Message, out Guid messageId))
            {
                element.Add(new XElement("SdkMessageId", messageId.ToString("D")));
            }

            element.Add(
                new XElement("PluginTypeName", type.AssemblyQualifiedName),
                new XElement("PluginTypeId", type.Id.ToString("D")));
            if (step.PrimaryEntity != null)
            {
                element.Add(new XElement("PrimaryEntity", step.PrimaryEntity));
            }

            // CustomizationsSolution.xsd (sdkmessageprocessingsteptype) puts Configuration before Description.
            element.Add(new XElement("AsyncAutoDelete", step.AsyncAutoDelete ? "1" : "0"));
            if (step.UnsecureConfiguration != null)
            {
                element.Add(new XElement("Configuration", step.UnsecureConfiguration));
            }

            if (step.Description != null)
            {
                element.Add(new XElement("Description", step.Description));
            }

            // InvocationSource (deprecated since CRM 2011: -1 Internal, 0 Parent, 1 Child) is 1 in current exports. It does not
            // decide whether the step runs for writes made by another plug-in: those are SDK requests that go through the
            // pipeline at a greater depth either way (see README, "The solution package").
            element.Add(
                new XElement("FilteringAttributes", string.Join(",", step.FilteringAttributes)),
                new XElement("InvocationSource", InvocationSourceChild),
                new XElement("Mode", ((int)step.Mode).ToString(CultureInfo.InvariantCulture)),
                new XElement("Rank", step.Rank.ToString(CultureInfo.InvariantCulture)),
                new XElement("EventHandlerTypeCode", "4602"),
                new XElement("Stage", ((int)step.Stage).ToString(CultureInfo.InvariantCulture)),
                new XElement("IsCustomizable", "1"),
                new XElement("IsHidden", "0"),
                new XElement("SupportedDeployment", ((int)step.SupportedDeployment).ToString(CultureInfo.InvariantCulture)),
                new XElement("IntroducedVersion", introducedVersion),
                new XElement("SdkMessageProcessingStepImages", step.Images.Select(ImageElement)));
            return element;
        }

        private static XElement ImageElement(StepImageRegistration image)
        {
            // CustomizationsSolution.xsd (sdkmessageprocessingstepimagetype) is a sequence: Description, SdkMessageProcessingStepImageId,
            // Attributes, EntityAlias, ImageType, MessagePropertyName, RelatedAttributeName, IsCustomizable, IntroducedVersion.
            var element = new XElement("SdkMessageProcessingStepImage",
                new XAttribute("Name", image.Name),
                new XElement("SdkMessageProcessingStepImageId", image.Id.ToString("D")));
            if (image.Attributes.Count > 0)
            {
                element.Add(new XElement("Attributes", string.Join(",", image.Attributes)));
            }

            element.Add(
                new XElement("EntityAlias", image.EntityAlias),
                new XElement("ImageType", ((int)image.ImageType).ToString(CultureInfo.InvariantCulture)),
                new XElement("MessagePropertyName", image.MessagePropertyName),
                new XElement("IsCustomizable", "1"));
            return element;
        }

        /// <summary>The customapis/… files of every Custom API: zip path → XML root.</summary>
        public static IEnumerable<KeyValuePair<string, XElement>> CustomApiFiles(PluginAssemblyRegistration assembly)
        {
            foreach (CustomApiRegistration api in assembly.CustomApis)
            {
                string folder = $"customapis/{api.UniqueName}";
                yield return new(folder + "/customapi.xml", new XElement("customapi",
                    new XAttribute("uniquename", api.UniqueName),
                    new XElement("allowedcustomprocessingsteptype", "0"),
                    new XElement("bindingtype", ((int)api.Binding).ToString(CultureInfo.InvariantCulture)),
                    new XElement("boundentitylogicalname", api.BoundEntityLogicalName ?? string.Empty),
                    Label("description", api.Description, api.GermanDescription),
                    Label("displayname", api.DisplayName, api.GermanDisplayName),
                    new XElement("executeprivilegename", api.ExecutePrivilegeName ?? string.Empty),
                    new XElement("iscustomizable", "0"),
                    new XElement("isfunction", api.IsFunction ? "1" : "0"),
                    new XElement("isprivate", "0"),
                    new XElement("name", api.UniqueName),
                    new XElement("plugintypeid", new XElement("plugintypeid", "{" + api.PluginTypeId.ToString("D") + "}")),
                    new XElement("workflowsdkstepenabled", "0")));

                foreach (CustomApiParameterRegistration p in api.RequestParameters)
                {
                    yield return new($"{folder}/customapirequestparameters/{p.UniqueName}/customapirequestparameter.xml", new XElement("customapirequestparameter",
                        new XAttribute("uniquename", p.UniqueName),
                        Label("description", p.Description, p.GermanDescription),
                        Label("displayname", p.UniqueName),
                        new XElement("iscustomizable", "0"),
                        new XElement("isoptional", p.IsOptional ? "1" : "0"),
                        new XElement("logicalentityname", p.LogicalEntityName ?? string.Empty),
                        new XElement("name", api.UniqueName + "." + p.UniqueName),
                        new XElement("type", p.Type.ToString(CultureInfo.InvariantCulture))));
                }

                foreach (CustomApiPropertyRegistration p in api.ResponseProperties)
                {
                    yield return new($"{folder}/customapiresponseproperties/{p.UniqueName}/customapiresponseproperty.xml", new XElement("customapiresponseproperty",
                        new XAttribute("uniquename", p.UniqueName),
                        Label("description", p.Description, p.GermanDescription),
                        Label("displayname", p.UniqueName),
                        new XElement("iscustomizable", "0"),
                        new XElement("logicalentityname", p.LogicalEntityName ?? string.Empty),
                        new XElement("name", api.UniqueName + "." + p.UniqueName),
                        new XElement("type", p.Type.ToString(CultureInfo.InvariantCulture))));
                }
            }
        }

        /// <summary>The RootComponent elements for the assembly (when this solution ships it) and the steps.</summary>
        public static IEnumerable<XElement> RootComponents(PluginAssemblyRegistration assembly, bool includeAssembly = true)
        {
            if (includeAssembly)
            {
                yield return new XElement("RootComponent",
                    new XAttribute("type", PluginAssemblyComponentType.ToString(CultureInfo.InvariantCulture)),
                    new XAttribute("id", "{" + assembly.Id.ToString("D") + "}"),
                    new XAttribute("schemaName", assembly.FullName),
                    new XAttribute("behavior", "0"));
            }

            foreach (StepRegistration step in assembly.Steps.OrderBy(s => s.Id))
            {
                yield return new XElement("RootComponent",
                    new XAttribute("type", StepComponentType.ToString(CultureInfo.InvariantCulture)),
                    new XAttribute("id", "{" + step.Id.ToString("D") + "}"),
                    new XAttribute("behavior", "0"));
            }
        }

        private static XElement Label(string name, string text, string? german = null) =>
            new(name, new XAttribute("default", text),
                new XElement("label", new XAttribute("description", text), new XAttribute("languagecode", "1033")),
                german == null ? null : new XElement("label", new XAttribute("description", german), new XAttribute("languagecode", "1031")));

        private static string SafeName(string name)
        {
            var builder = new StringBuilder(name.Length);
            foreach (char c in name)
            {
                if (char.IsAsciiLetterOrDigit(c) || c == '_')
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }
    }
}
