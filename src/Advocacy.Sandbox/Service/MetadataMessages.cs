using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Metadata;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// RetrieveEntity and RetrieveAttribute answered from the sandbox's metadata: a minimal EntityMetadata (logical and
    /// schema name, primary id and name, ownership, activity flag, and with EntityFilters.Attributes its columns) and
    /// AttributeMetadata typed as the SDK types it: text with MaxLength, whole/big/decimal/float/currency numbers with
    /// MinValue and MaxValue, lookups with their Targets, and choice, state, status, multi-select and Yes/No columns as
    /// Picklist/State/Status/MultiSelectPicklist/BooleanAttributeMetadata with their option set (name, IsGlobal, type) and
    /// options, each labelled in every language the solution carries and in the caller's own (UserLocalizedLabel: the
    /// caller's usersettings.uilanguageid, else 1033). Date, id and other columns come back as a plain AttributeMetadata
    /// carrying their AttributeType; display names, descriptions, privileges and relationships are not modelled. Members
    /// the SDK sets only internally are filled the way the platform's deserializer fills them.
    /// </summary>
    internal sealed partial class MessageEngine
    {
        private OrganizationResponse RetrieveEntity(Operation op)
        {
            var name = op.Input.TryGetValue("LogicalName", out var n) ? n as string : null;
            var filters = op.Input.TryGetValue("EntityFilters", out var f) && f is EntityFilters ef ? ef : EntityFilters.Default;
            var table = string.IsNullOrEmpty(name) ? null : _sandbox.Metadata.Table(name);
            if (table == null)
            {
                throw new SandboxFaultException(ErrorCodes.ObjectDoesNotExist, $"Could not find an entity with name {name} and id {Guid.Empty}.");
            }

            var entity = new EntityMetadata
            {
                LogicalName = table.LogicalName,
                SchemaName = table.SchemaName ?? table.LogicalName,
                IsActivity = table.IsActivity,
                OwnershipType = table.Ownership switch
                {
                    TableOwnership.UserOwned => OwnershipTypes.UserOwned,
                    TableOwnership.OrganizationOwned => OwnershipTypes.OrganizationOwned,
                    TableOwnership.BusinessOwned => OwnershipTypes.BusinessOwned,
                    TableOwnership.None => OwnershipTypes.None,
                    _ => table.HasColumn("ownerid") ? OwnershipTypes.UserOwned : OwnershipTypes.OrganizationOwned,
                },
            };
            int callerLanguage = CallerLanguage(op);
            entity.DisplayName = Labelled(table.DisplayNames, callerLanguage);
            entity.DisplayCollectionName = Labelled(table.DisplayCollectionNames, callerLanguage);
            entity.Description = Labelled(table.Descriptions, callerLanguage);
            SetInternal(entity, nameof(EntityMetadata.PrimaryIdAttribute), table.PrimaryIdAttribute);
            SetInternal(entity, nameof(EntityMetadata.PrimaryNameAttribute), table.PrimaryNameAttribute);
            if (filters.HasFlag(EntityFilters.Attributes))
            {
                int language = CallerLanguage(op);
                SetInternal(entity, nameof(EntityMetadata.Attributes),
                    table.Columns.OrderBy(c => c.LogicalName, StringComparer.Ordinal).Select(c => Describe(table, c, language)).ToArray());
            }

            var response = new RetrieveEntityResponse { Results = op.Output };
            op.Output["EntityMetadata"] = entity;
            return response;
        }

        private OrganizationResponse RetrieveAttribute(Operation op)
        {
            var tableName = op.Input.TryGetValue("EntityLogicalName", out var e) ? e as string : null;
            var columnName = op.Input.TryGetValue("LogicalName", out var l) ? l as string : null;
            var table = string.IsNullOrEmpty(tableName) ? null : _sandbox.Metadata.Table(tableName);
            if (table == null)
            {
                throw new SandboxFaultException(ErrorCodes.ObjectDoesNotExist, $"Could not find an entity with name {tableName} and id {Guid.Empty}.");
            }
            var column = string.IsNullOrEmpty(columnName) ? null : table.Column(columnName);
            if (column == null)
            {
                throw Faults.UnknownAttribute(table.LogicalName, columnName ?? "(null)");
            }

            var response = new RetrieveAttributeResponse { Results = op.Output };
            op.Output["AttributeMetadata"] = Describe(table, column, CallerLanguage(op));
            return response;
        }

        /// <summary>
        /// The language labels come back in: "the label for the language of the current user" (Label.UserLocalizedLabel,
        /// Microsoft Learn), i.e. the calling user's usersettings.uilanguageid, else the organization's default language.
        /// </summary>
        private int CallerLanguage(Operation op) =>
            (_sandbox.Store.ReadValue(op.Transaction, "usersettings", op.Caller.UserId, "uilanguageid") as int?)
            ?? _sandbox.Regional.DefaultLanguageId;

        private static AttributeMetadata Describe(TableMetadata table, ColumnMetadata column, int language)
        {
            AttributeMetadata attribute;
            switch (column.Type)
            {
                case ColumnType.String:
                    attribute = new StringAttributeMetadata { MaxLength = column.MaxLength };
                    break;
                case ColumnType.Integer:
                    attribute = new IntegerAttributeMetadata { MinValue = (int?)column.MinValue, MaxValue = (int?)column.MaxValue };
                    break;
                case ColumnType.BigInt:
                    attribute = new BigIntAttributeMetadata();
                    SetInternal(attribute, nameof(BigIntAttributeMetadata.MinValue), (long?)column.MinValue);
                    SetInternal(attribute, nameof(BigIntAttributeMetadata.MaxValue), (long?)column.MaxValue);
                    break;
                case ColumnType.Decimal:
                    attribute = new DecimalAttributeMetadata { MinValue = column.MinValue, MaxValue = column.MaxValue };
                    break;
                case ColumnType.Double:
                    attribute = new DoubleAttributeMetadata { MinValue = (double?)column.MinValue, MaxValue = (double?)column.MaxValue };
                    break;
                case ColumnType.Money:
                    attribute = new MoneyAttributeMetadata { MinValue = (double?)column.MinValue, MaxValue = (double?)column.MaxValue };
                    break;
                case ColumnType.Lookup:
                    attribute = new LookupAttributeMetadata { Targets = column.Targets.ToArray() };
                    SetInternal(attribute, nameof(AttributeMetadata.AttributeType),
                        (AttributeTypeCode?)(column.LogicalName == "ownerid" ? AttributeTypeCode.Owner : column.Targets.Count > 1 ? AttributeTypeCode.Customer : AttributeTypeCode.Lookup));
                    break;
                case ColumnType.Choice:
                    attribute = DescribeChoice(column, language);
                    break;
                case ColumnType.MultiChoice:
                    attribute = new MultiSelectPicklistAttributeMetadata { OptionSet = OptionSet(OptionSetOf(column, OptionSetType.Picklist), language) };
                    break;
                case ColumnType.Boolean:
                    attribute = new BooleanAttributeMetadata(BooleanOptionSet(column, language));
                    break;
                default:
                    attribute = new AttributeMetadata();
                    SetInternal(attribute, nameof(AttributeMetadata.AttributeType), TypeCode(column));
                    break;
            }

            attribute.LogicalName = column.LogicalName;
            attribute.SchemaName = column.LogicalName;
            attribute.DisplayName = Labelled(column.DisplayNames, language);
            attribute.Description = Labelled(column.Descriptions, language);
            SetInternal(attribute, nameof(AttributeMetadata.EntityLogicalName), table.LogicalName);
            SetInternal(attribute, nameof(AttributeMetadata.IsPrimaryId), (bool?)string.Equals(column.LogicalName, table.PrimaryIdAttribute, StringComparison.OrdinalIgnoreCase));
            SetInternal(attribute, nameof(AttributeMetadata.IsPrimaryName), (bool?)string.Equals(column.LogicalName, table.PrimaryNameAttribute, StringComparison.OrdinalIgnoreCase));
            return attribute;
        }

        private static EnumAttributeMetadata DescribeChoice(ColumnMetadata column, int language)
        {
            var set = OptionSetOf(column, column.LogicalName switch
            {
                "statecode" => OptionSetType.State,
                "statuscode" => OptionSetType.Status,
                _ => OptionSetType.Picklist,
            });
            EnumAttributeMetadata attribute = set.Type switch
            {
                OptionSetType.State => new StateAttributeMetadata(),
                OptionSetType.Status => new StatusAttributeMetadata(),
                _ => new PicklistAttributeMetadata(),
            };
            attribute.OptionSet = OptionSet(set, language);
            return attribute;
        }

        /// <summary>The column's option set; without one (a column declared in code), its values with their English labels.</summary>
        private static ChoiceOptionSet OptionSetOf(ColumnMetadata column, OptionSetType type) =>
            column.OptionSet ?? new ChoiceOptionSet(column.OptionSetName, isGlobal: false, type,
                column.Options.Select(o => new ChoiceOption(o.Key, new Dictionary<int, string> { [Regional.SandboxRegional.English] = o.Value })).ToList());

        private static OptionSetMetadata OptionSet(ChoiceOptionSet set, int language)
        {
            var options = new OptionMetadataCollection();
            foreach (var option in set.Options)
            {
                OptionMetadata described = set.Type switch
                {
                    OptionSetType.State => new StateOptionMetadata { DefaultStatus = option.DefaultStatus, InvariantName = option.InvariantName },
                    OptionSetType.Status => new StatusOptionMetadata(option.Value, option.State),
                    _ => new OptionMetadata(),
                };
                described.Value = option.Value;
                described.Label = LabelOf(option.Labels, language);
                options.Add(described);
            }
            return new OptionSetMetadata(options) { Name = set.Name, IsGlobal = set.IsGlobal, OptionSetType = set.Type };
        }

        /// <summary>A Yes/No column's two options: the solution's labels, else the platform's default "Yes" and "No".</summary>
        private static BooleanOptionSetMetadata BooleanOptionSet(ColumnMetadata column, int language)
        {
            OptionMetadata Option(int value, string fallback)
            {
                var labels = column.OptionSet?.Options.FirstOrDefault(o => o.Value == value)?.Labels
                    ?? new Dictionary<int, string> { [Regional.SandboxRegional.English] = fallback };
                return new OptionMetadata(LabelOf(labels, language), value);
            }

            return new BooleanOptionSetMetadata(Option(1, "Yes"), Option(0, "No"))
            {
                Name = column.OptionSet?.Name,
                IsGlobal = column.OptionSet?.IsGlobal ?? false,
                OptionSetType = OptionSetType.Boolean,
            };
        }

        /// <summary>A display name or description as the platform answers it: every language's label and the caller's; an empty Label when the solution gives none.</summary>
        private static Label Labelled(IReadOnlyDictionary<int, string>? labels, int language) =>
            labels == null || labels.Count == 0 ? new Label() : LabelOf(labels, language);

        /// <summary>Every language's label, and the caller's (else English, else the first) as UserLocalizedLabel.</summary>
        private static Label LabelOf(IReadOnlyDictionary<int, string> labels, int language)
        {
            var all = labels.Select(l => new LocalizedLabel(l.Value, l.Key)).ToArray();
            var mine = labels.TryGetValue(language, out var text) ? new LocalizedLabel(text, language)
                : labels.TryGetValue(Regional.SandboxRegional.English, out var english) ? new LocalizedLabel(english, Regional.SandboxRegional.English)
                : all.Select(l => new LocalizedLabel(l.Label, l.LanguageCode)).FirstOrDefault();
            return new Label(mine, all);
        }

        private static AttributeTypeCode? TypeCode(ColumnMetadata column) => column.Type switch
        {
            ColumnType.DateTime => AttributeTypeCode.DateTime,
            ColumnType.UniqueIdentifier => AttributeTypeCode.Uniqueidentifier,
            ColumnType.Image => AttributeTypeCode.Virtual,
            _ => null,
        };

        private static void SetInternal(object target, string property, object? value) =>
            target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.GetSetMethod(nonPublic: true)!.Invoke(target, new[] { value });
    }
}
