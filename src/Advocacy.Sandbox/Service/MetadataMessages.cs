using System;
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
    /// MinValue and MaxValue, lookups with their Targets; other column types come back as a plain AttributeMetadata
    /// carrying their AttributeType (choices' options, labels, privileges and relationships are not modelled). Members the
    /// SDK sets only internally are filled the way the platform's deserializer fills them.
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
            SetInternal(entity, nameof(EntityMetadata.PrimaryIdAttribute), table.PrimaryIdAttribute);
            SetInternal(entity, nameof(EntityMetadata.PrimaryNameAttribute), table.PrimaryNameAttribute);
            if (filters.HasFlag(EntityFilters.Attributes))
            {
                SetInternal(entity, nameof(EntityMetadata.Attributes),
                    table.Columns.OrderBy(c => c.LogicalName, StringComparer.Ordinal).Select(c => Describe(table, c)).ToArray());
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
            op.Output["AttributeMetadata"] = Describe(table, column);
            return response;
        }

        private static AttributeMetadata Describe(TableMetadata table, ColumnMetadata column)
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
                default:
                    attribute = new AttributeMetadata();
                    SetInternal(attribute, nameof(AttributeMetadata.AttributeType), TypeCode(column));
                    break;
            }

            attribute.LogicalName = column.LogicalName;
            attribute.SchemaName = column.LogicalName;
            SetInternal(attribute, nameof(AttributeMetadata.EntityLogicalName), table.LogicalName);
            SetInternal(attribute, nameof(AttributeMetadata.IsPrimaryId), (bool?)string.Equals(column.LogicalName, table.PrimaryIdAttribute, StringComparison.OrdinalIgnoreCase));
            SetInternal(attribute, nameof(AttributeMetadata.IsPrimaryName), (bool?)string.Equals(column.LogicalName, table.PrimaryNameAttribute, StringComparison.OrdinalIgnoreCase));
            return attribute;
        }

        private static AttributeTypeCode? TypeCode(ColumnMetadata column) => column.Type switch
        {
            ColumnType.Boolean => AttributeTypeCode.Boolean,
            ColumnType.DateTime => AttributeTypeCode.DateTime,
            ColumnType.Choice => column.LogicalName switch
            {
                "statecode" => AttributeTypeCode.State,
                "statuscode" => AttributeTypeCode.Status,
                _ => AttributeTypeCode.Picklist,
            },
            ColumnType.UniqueIdentifier => AttributeTypeCode.Uniqueidentifier,
            ColumnType.MultiChoice or ColumnType.Image => AttributeTypeCode.Virtual,
            _ => null,
        };

        private static void SetInternal(object target, string property, object? value) =>
            target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.GetSetMethod(nonPublic: true)!.Invoke(target, new[] { value });
    }
}
