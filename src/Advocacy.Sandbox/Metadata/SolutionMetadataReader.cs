using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk.Metadata;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// Reads tables, columns, choices and N:N relationships from an unpacked solution (SolutionPackager
    /// layout). Tolerant by design: tests point it at partial fixture folders, and the solution is authored
    /// by hand, so a file or element it cannot read is skipped and reported in <see cref="Warnings"/>
    /// instead of failing the sandbox.
    /// </summary>
    internal sealed class SolutionMetadataReader
    {
        private readonly Dictionary<string, Dictionary<int, string>> _globalOptionSets = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ChoiceOptionSet> _globalChoiceSets = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Warnings { get; } = new();

        public void Read(string solutionFolder, SandboxMetadata into)
        {
            if (!Directory.Exists(solutionFolder))
            {
                Warnings.Add($"solution folder '{solutionFolder}' does not exist");
                return;
            }
            ReadGlobalOptionSets(Path.Combine(solutionFolder, "OptionSets"));
            string entities = Path.Combine(solutionFolder, "Entities");
            if (Directory.Exists(entities))
            {
                foreach (string file in Directory.EnumerateFiles(entities, "Entity.xml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                {
                    Try(file, () => ReadEntity(XDocument.Load(file), into));
                }
            }
            string roles = Path.Combine(solutionFolder, "Roles");
            if (Directory.Exists(roles))
            {
                foreach (string file in Directory.EnumerateFiles(roles, "*.xml").OrderBy(f => f, StringComparer.Ordinal))
                {
                    Try(file, () => into.AddRole(SecurityRole.FromXml(XDocument.Load(file))));
                }
            }
            string relationships = Path.Combine(solutionFolder, "Other", "Relationships");
            if (Directory.Exists(relationships))
            {
                foreach (string file in Directory.EnumerateFiles(relationships, "*.xml"))
                {
                    Try(file, () => ReadRelationships(XDocument.Load(file), into));
                }
            }
        }

        private void Try(string file, Action read)
        {
            try
            {
                read();
            }
            catch (Exception e) when (e is System.Xml.XmlException or IOException or FormatException or InvalidOperationException)
            {
                Warnings.Add($"{file}: {e.Message}");
            }
        }

        private void ReadGlobalOptionSets(string folder)
        {
            if (!Directory.Exists(folder))
            {
                return;
            }
            foreach (string file in Directory.EnumerateFiles(folder, "*.xml"))
            {
                Try(file, () =>
                {
                    var root = XDocument.Load(file).Root;
                    foreach (var set in root == null ? Enumerable.Empty<XElement>() : root.DescendantsAndSelf().Where(e => Local(e) == "optionset"))
                    {
                        string? name = (string?)set.Attribute("Name");
                        if (!string.IsNullOrEmpty(name))
                        {
                            _globalOptionSets[name] = Options(set);
                            _globalChoiceSets[name] = ChoiceSet(set, name, isGlobal: true, OptionSetType.Picklist);
                        }
                    }
                });
            }
        }

        private void ReadEntity(XDocument doc, SandboxMetadata into)
        {
            var entity = doc.Descendants().FirstOrDefault(e => Local(e) == "entity" && e.Attribute("Name") != null);
            string? name = ((string?)entity?.Attribute("Name"))?.ToLowerInvariant()
                ?? doc.Root?.Elements().FirstOrDefault(e => Local(e) == "Name")?.Value.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(name) || entity == null)
            {
                Warnings.Add("an Entity.xml without <entity Name=…>");
                return;
            }
            var table = into.GetOrAddTable(name);
            // The entity's Name is its schema name (adv_Feedback): privilege names are built from it (prvReadadv_Feedback).
            table.SchemaName = (string?)entity.Attribute("Name") ?? table.SchemaName;
            string? ownership = entity.Descendants().FirstOrDefault(e => Local(e) == "OwnershipTypeMask")?.Value.Trim();
            table.Ownership = ownership?.ToLowerInvariant() switch
            {
                "userowned" or "teamowned" => TableOwnership.UserOwned,
                "orgowned" or "organizationowned" => TableOwnership.OrganizationOwned,
                "businessowned" => TableOwnership.BusinessOwned,
                "none" => TableOwnership.None,
                _ => table.Ownership,
            };
            // The table's labels are children of <entity> (its columns' sit under each <attribute>); a differential Entity.xml
            // of a standard table may carry none, and then the table keeps what it had.
            table.DisplayNames = Labels(entity, "LocalizedNames", "LocalizedName") ?? table.DisplayNames;
            table.DisplayCollectionNames = Labels(entity, "LocalizedCollectionNames", "LocalizedCollectionName") ?? table.DisplayCollectionNames;
            table.Descriptions = Labels(entity, "Descriptions", "Description") ?? table.Descriptions;
            if (entity.Descendants().FirstOrDefault(e => Local(e) == "IsActivity") is { } isActivity)
            {
                table.IsActivity = isActivity.Value.Trim() == "1";
            }
            foreach (var attribute in entity.Descendants().Where(e => Local(e) == "attribute"))
            {
                var column = ReadColumn(attribute, table);
                if (column != null)
                {
                    table.Add(column);
                }
            }
            foreach (var key in entity.Descendants().Where(e => Local(e) == "EntityKey"))
            {
                string? keyName = Child(key, "LogicalName") ?? Child(key, "Name");
                // SolutionPackager's form: <EntityKeyAttributes><AttributeName>adv_userid</AttributeName></EntityKeyAttributes>.
                var columns = key.Elements().Where(e => Local(e) == "EntityKeyAttributes").Elements().Where(e => Local(e) == "AttributeName")
                    .Select(e => e.Value.Trim().ToLowerInvariant()).Where(c => c.Length > 0).ToArray();
                if (!string.IsNullOrEmpty(keyName) && columns.Length > 0)
                {
                    table.AlternateKeys[keyName] = columns;
                    if (Labels(key, "displaynames", "displayname") is { } names)
                    {
                        table.AlternateKeyDisplayNames[keyName] = names;
                    }
                }
                else
                {
                    Warnings.Add($"the alternate key {keyName ?? "(unnamed)"} of {name} names no columns (<EntityKeyAttributes><AttributeName>)");
                }
            }
        }

        private ColumnMetadata? ReadColumn(XElement attribute, TableMetadata table)
        {
            string? logical = Child(attribute, "LogicalName") ?? ((string?)attribute.Attribute("PhysicalName"))?.ToLowerInvariant();
            string? typeName = Child(attribute, "Type");
            if (string.IsNullOrEmpty(logical) || string.IsNullOrEmpty(typeName))
            {
                Warnings.Add($"{table.LogicalName}: an attribute without LogicalName or Type");
                return null;
            }
            logical = logical.ToLowerInvariant();
            var type = MapType(typeName);
            if (type == ColumnType.UniqueIdentifier && typeName.Equals("primarykey", StringComparison.OrdinalIgnoreCase))
            {
                table.PrimaryIdAttribute = logical;
            }
            string? displayMask = Child(attribute, "DisplayMask");
            if (displayMask != null && displayMask.Contains("PrimaryName", StringComparison.Ordinal))
            {
                table.PrimaryNameAttribute = logical;
            }
            var targets = attribute.Descendants().Where(e => Local(e) == "LookupType").Select(e => e.Value.Trim().ToLowerInvariant()).Where(v => v.Length > 0).ToList();
            // Exports write lookup types as object type codes (an owner column: 8 and 9). A code the sandbox does not
            // know leaves the column unchecked rather than refusing every value.
            if (targets.Count > 0 && targets.All(t => t.All(char.IsDigit)))
            {
                var names = targets.Select(t => TypeCodes.TryGetValue(t, out var name) ? name : null).ToList();
                targets = names.All(n => n != null) ? names.Select(n => n!).ToList() : new List<string>();
            }
            string? optionSetName = Child(attribute, "OptionSetName");
            var localSet = attribute.Descendants().FirstOrDefault(e => Local(e) == "optionset");
            Dictionary<int, string>? options = null;
            if (localSet != null && localSet.Descendants().Any(e => Local(e) == "option"))
            {
                options = Options(localSet);
            }
            else if (optionSetName != null && _globalOptionSets.TryGetValue(optionSetName, out var global))
            {
                options = global;
            }
            // The option set with every language's labels, for the metadata messages: the column's own (state, status,
            // Yes/No and local choices carry theirs inline) or the global choice it names.
            ChoiceOptionSet? optionSet = null;
            if (localSet != null && localSet.Descendants().Any(e => Local(e) is "option" or "state" or "status"))
            {
                optionSet = ChoiceSet(localSet, (string?)localSet.Attribute("Name"), isGlobal: false, SetTypeOf(typeName) ?? OptionSetType.Picklist);
            }
            else if (optionSetName != null && _globalChoiceSets.TryGetValue(optionSetName, out var globalSet))
            {
                optionSet = globalSet;
            }
            var behavior = int.TryParse(Child(attribute, "Behavior"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int b) && Enum.IsDefined(typeof(DateBehavior), b)
                ? (DateBehavior)b
                : DateBehavior.UserLocal;
            return new ColumnMetadata(logical, type, targets, options)
            {
                OptionSetName = optionSetName,
                OptionSet = optionSet,
                DateBehavior = behavior,
                IsSecured = Child(attribute, "IsSecured") == "1",
                DisplayNames = Labels(attribute, "displaynames", "displayname"),
                Descriptions = Labels(attribute, "Descriptions", "Description"),
                MaxLength = type == ColumnType.String ? Integer(Child(attribute, "MaxLength")) : null,
                MinValue = IsRanged(type) ? Number(Child(attribute, "MinValue")) : null,
                MaxValue = IsRanged(type) ? Number(Child(attribute, "MaxValue")) : null,
            };
        }

        /// <summary>
        /// The labels of one kind directly under <paramref name="owner"/> (&lt;displaynames&gt;&lt;displayname description="…"
        /// languagecode="1033"/&gt;…), by language; null when there are none.
        /// </summary>
        private static IReadOnlyDictionary<int, string>? Labels(XElement? owner, string listName, string itemName)
        {
            var list = owner?.Elements().FirstOrDefault(e => Local(e) == listName);
            if (list == null)
            {
                return null;
            }
            var labels = new Dictionary<int, string>();
            foreach (var item in list.Elements().Where(e => Local(e) == itemName))
            {
                if (int.TryParse((string?)item.Attribute("languagecode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int language)
                    && (string?)item.Attribute("description") is { Length: > 0 } text)
                {
                    labels[language] = text;
                }
            }
            return labels.Count == 0 ? null : labels;
        }

        private static bool IsRanged(ColumnType type) => type is ColumnType.Integer or ColumnType.BigInt or ColumnType.Decimal or ColumnType.Double or ColumnType.Money;

        private static int? Integer(string? text) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : null;

        private static decimal? Number(string? text) =>
            decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value) ? value : null;

        /// <summary>The fixed object type codes of the standard tables a lookup type list may name.</summary>
        private static readonly Dictionary<string, string> TypeCodes = new(StringComparer.Ordinal)
        {
            ["1"] = "account", ["2"] = "contact", ["8"] = "systemuser", ["9"] = "team", ["10"] = "businessunit",
            ["112"] = "incident", ["1088"] = "salesorder", ["4212"] = "task",
        };

        private void ReadRelationships(XDocument doc, SandboxMetadata into)
        {
            foreach (var rel in doc.Descendants().Where(e => Local(e) == "EntityRelationship"))
            {
                if (string.Equals(Child(rel, "EntityRelationshipType"), "OneToMany", StringComparison.OrdinalIgnoreCase))
                {
                    string? schema = (string?)rel.Attribute("Name");
                    string? referenced = Child(rel, "ReferencedEntityName");
                    string? referencing = Child(rel, "ReferencingEntityName");
                    string? attribute = Child(rel, "ReferencingAttributeName");
                    if (schema != null && referenced != null && referencing != null && attribute != null
                        && Enum.TryParse(Child(rel, "CascadeDelete"), ignoreCase: true, out CascadeDelete onDelete))
                    {
                        into.AddRelationship(new OneToManyMetadata(schema, referenced, referencing, attribute, onDelete)
                        {
                            OnAssign = Enum.TryParse(Child(rel, "CascadeAssign"), ignoreCase: true, out CascadeAssign onAssign) ? onAssign : CascadeAssign.NoCascade,
                            OnShare = Enum.TryParse(Child(rel, "CascadeShare"), ignoreCase: true, out CascadeAssign onShare) ? onShare : CascadeAssign.NoCascade,
                        });
                    }

                    // A custom lookup's attribute XML names no target; its relationship does. Without it the sandbox
                    // would accept a lookup to any table, which Dataverse refuses.
                    var table = referencing == null ? null : into.Table(referencing.ToLowerInvariant());
                    var column = attribute == null ? null : table?.Column(attribute.ToLowerInvariant());
                    if (table != null && column != null && column.Type == ColumnType.Lookup && column.Targets.Count == 0 && referenced != null)
                    {
                        table.Add(column.WithTargets(new[] { referenced.ToLowerInvariant() }));
                    }

                    continue;
                }

                if (!string.Equals(Child(rel, "EntityRelationshipType"), "ManyToMany", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                string? name = (string?)rel.Attribute("Name");
                string? first = Child(rel, "FirstEntityName")?.ToLowerInvariant();
                string? second = Child(rel, "SecondEntityName")?.ToLowerInvariant();
                if (name != null && first != null && second != null)
                {
                    into.AddRelationship(new ManyToManyMetadata(name, first, second, Child(rel, "IntersectEntityName")));
                }
            }
        }

        internal static ColumnType MapType(string type) => type.Trim().ToLowerInvariant() switch
        {
            "nvarchar" or "ntext" or "memo" or "string" or "text" => ColumnType.String,
            "int" or "integer" => ColumnType.Integer,
            "bigint" => ColumnType.BigInt,
            "decimal" => ColumnType.Decimal,
            "float" or "double" => ColumnType.Double,
            "money" => ColumnType.Money,
            "bit" or "boolean" => ColumnType.Boolean,
            "datetime" or "dateonly" => ColumnType.DateTime,
            "lookup" or "customer" or "owner" => ColumnType.Lookup,
            "picklist" or "state" or "status" => ColumnType.Choice,
            "multiselectpicklist" => ColumnType.MultiChoice,
            "primarykey" or "uniqueidentifier" => ColumnType.UniqueIdentifier,
            "image" or "file" => ColumnType.Image,
            _ => ColumnType.Other,
        };

        private static Dictionary<int, string> Options(XElement set)
        {
            var result = new Dictionary<int, string>();
            foreach (var option in set.Descendants().Where(e => Local(e) == "option"))
            {
                if (int.TryParse((string?)option.Attribute("value"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
                {
                    var label = option.Descendants().FirstOrDefault(e => Local(e) == "label" && (string?)e.Attribute("languagecode") == "1033")
                        ?? option.Descendants().FirstOrDefault(e => Local(e) == "label");
                    result[value] = (string?)label?.Attribute("description") ?? value.ToString(CultureInfo.InvariantCulture);
                }
            }
            return result;
        }

        /// <summary>
        /// An &lt;optionset&gt; with each option's labels in every language it carries: &lt;option&gt;s of a choice or
        /// Yes/No set, &lt;state&gt;s (defaultstatus, invariantname) and &lt;status&gt;es (state) of the state and status sets.
        /// </summary>
        private static ChoiceOptionSet ChoiceSet(XElement set, string? name, bool isGlobal, OptionSetType fallbackType)
        {
            var options = new List<ChoiceOption>();
            foreach (var option in set.Descendants().Where(e => Local(e) is "option" or "state" or "status"))
            {
                if (!int.TryParse((string?)option.Attribute("value"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
                {
                    continue;
                }
                var labels = new Dictionary<int, string>();
                foreach (var label in option.Descendants().Where(e => Local(e) == "label"))
                {
                    if (int.TryParse((string?)label.Attribute("languagecode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int language))
                    {
                        labels.TryAdd(language, (string?)label.Attribute("description") ?? "");
                    }
                }
                options.Add(new ChoiceOption(value, labels)
                {
                    State = Int((string?)option.Attribute("state")),
                    DefaultStatus = Int((string?)option.Attribute("defaultstatus")),
                    InvariantName = (string?)option.Attribute("invariantname"),
                });
            }
            return new ChoiceOptionSet(name, isGlobal, SetTypeOf(Child(set, "OptionSetType")) ?? fallbackType, options);
        }

        private static OptionSetType? SetTypeOf(string? type) => type?.Trim().ToLowerInvariant() switch
        {
            "picklist" or "multiselectpicklist" => OptionSetType.Picklist,
            "state" => OptionSetType.State,
            "status" => OptionSetType.Status,
            "bit" or "boolean" => OptionSetType.Boolean,
            _ => null,
        };

        private static int? Int(string? text) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;

        private static string? Child(XElement e, string name) => e.Elements().FirstOrDefault(c => Local(c) == name)?.Value.Trim();

        private static string Local(XElement e) => e.Name.LocalName;
    }
}
