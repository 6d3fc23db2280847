using System;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// Environment variables as Dataverse stores them: a definition (schemaname, defaultvalue) and an
    /// optional current value row. Plug-ins read settings that way, so tests set them that way.
    /// </summary>
    public static class EnvironmentVariables
    {
        /// <summary>The settings variable the product reads (DESIGN §2).</summary>
        public const string AdvocacySettings = "adv_AdvocacySettings";

        /// <summary>
        /// Creates or replaces the variable: the definition with <paramref name="defaultValue"/> and, when
        /// <paramref name="currentValue"/> is given, a value row (which wins over the default).
        /// </summary>
        public static Guid SetEnvironmentVariable(this DataverseSandbox sandbox, string schemaName, string? currentValue, string? defaultValue = null)
        {
            var definition = sandbox.Rows("environmentvariabledefinition")
                .FirstOrDefault(d => string.Equals(d.GetAttributeValue<string>("schemaname"), schemaName, StringComparison.OrdinalIgnoreCase));
            Guid definitionId;
            if (definition == null)
            {
                definitionId = Guid.NewGuid();
                sandbox.Seed(new Entity("environmentvariabledefinition", definitionId)
                {
                    ["schemaname"] = schemaName,
                    ["displayname"] = schemaName,
                    ["defaultvalue"] = defaultValue,
                    ["type"] = new OptionSetValue(100000003), // Text (JSON is stored as text)
                });
            }
            else
            {
                definitionId = definition.Id;
                sandbox.WriteDirect("environmentvariabledefinition", definitionId, row => row["defaultvalue"] = defaultValue);
            }
            foreach (var value in sandbox.Rows("environmentvariablevalue")
                         .Where(v => v.GetAttributeValue<EntityReference>("environmentvariabledefinitionid")?.Id == definitionId))
            {
                sandbox.WriteDirect("environmentvariablevalue", value.Id, null);
            }
            if (currentValue != null)
            {
                sandbox.Seed(new Entity("environmentvariablevalue", Guid.NewGuid())
                {
                    ["schemaname"] = schemaName,
                    ["value"] = currentValue,
                    ["environmentvariabledefinitionid"] = new EntityReference("environmentvariabledefinition", definitionId),
                });
            }
            return definitionId;
        }

        /// <summary>Sets adv_AdvocacySettings' current value to the given JSON (null removes the value row).</summary>
        public static Guid SetAdvocacySettings(this DataverseSandbox sandbox, string? json, string? defaultJson = null) =>
            sandbox.SetEnvironmentVariable(AdvocacySettings, json, defaultJson);
    }
}
