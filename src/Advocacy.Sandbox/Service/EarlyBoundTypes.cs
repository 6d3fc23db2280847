using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// Early-bound entity classes (CrmSvcUtil's and pac modelbuilder's: classes derived from Entity marked
    /// <c>[EntityLogicalName("account")]</c>) by table, and the rows of a response turned into them. The SDK client hands
    /// rows back as those classes once proxy types are enabled (<c>EnableProxyTypes(assembly)</c>), and the platform does
    /// for a plug-in whose assembly carries <c>[assembly: ProxyTypesAssembly]</c>; code written for that casts
    /// (<c>(Account)service.Retrieve(…)</c>) and Microsoft's LINQ provider (<c>OrganizationServiceContext.CreateQuery&lt;Account&gt;</c>)
    /// needs it. Attributes are matched by name, so the classes work whether they were compiled against Microsoft's SDK or
    /// the offline surface.
    /// </summary>
    internal sealed class EarlyBoundTypes
    {
        private const string EntityLogicalName = "Microsoft.Xrm.Sdk.Client.EntityLogicalNameAttribute";
        private const string ProxyTypesAssembly = "Microsoft.Xrm.Sdk.Client.ProxyTypesAssemblyAttribute";

        private static readonly ConcurrentDictionary<Assembly, EarlyBoundTypes> ByAssembly = new();
        private static readonly MethodInfo ToEntity = typeof(Entity).GetMethod(nameof(Entity.ToEntity))!;

        private readonly Dictionary<string, Func<Entity, Entity>> _convert;

        private EarlyBoundTypes(Dictionary<string, Func<Entity, Entity>> convert) => _convert = convert;

        public static readonly EarlyBoundTypes None = new(new Dictionary<string, Func<Entity, Entity>>(StringComparer.OrdinalIgnoreCase));

        public bool IsEmpty => _convert.Count == 0;

        /// <summary>The classes of one assembly (scanned once per process).</summary>
        public static EarlyBoundTypes Of(Assembly assembly) => ByAssembly.GetOrAdd(assembly, Scan);

        /// <summary>
        /// What a plug-in's (or workflow activity's) calls get rows back as: its assembly's classes when the assembly carries
        /// <c>[assembly: ProxyTypesAssembly]</c>, else none (decided once per assembly).
        /// </summary>
        public static EarlyBoundTypes ForPlugin(Assembly assembly) =>
            ForPlugins.GetOrAdd(assembly, a => IsProxyTypesAssembly(a) ? Of(a) : None);

        private static readonly ConcurrentDictionary<Assembly, EarlyBoundTypes> ForPlugins = new();

        /// <summary>Whether the assembly says it holds early-bound classes (<c>[assembly: ProxyTypesAssembly]</c>).</summary>
        public static bool IsProxyTypesAssembly(Assembly assembly) =>
            assembly.CustomAttributes.Any(a => a.AttributeType.FullName == ProxyTypesAssembly);

        /// <summary>This set and another; where both have a class for a table, the other's (enabled later) wins.</summary>
        public EarlyBoundTypes With(EarlyBoundTypes other)
        {
            var merged = new Dictionary<string, Func<Entity, Entity>>(_convert, StringComparer.OrdinalIgnoreCase);
            foreach (var pair in other._convert)
            {
                merged[pair.Key] = pair.Value;
            }
            return new EarlyBoundTypes(merged);
        }

        /// <summary>Turns the rows in a response (a Retrieve's, a query's, a batch's, a Custom API's outputs) into their classes, in place.</summary>
        public void Apply(OrganizationResponse response)
        {
            if (IsEmpty)
            {
                return;
            }
            var results = response.Results;
            foreach (var key in results.Keys.ToList())
            {
                results[key] = Convert(results[key]);
            }
        }

        private object? Convert(object? value)
        {
            switch (value)
            {
                case Entity entity:
                    return Typed(entity);
                case EntityCollection collection:
                    var rows = collection.Entities;
                    for (int i = 0; i < rows.Count; i++)
                    {
                        rows[i] = Typed(rows[i]);
                    }
                    return collection;
                case OrganizationResponse inner:
                    Apply(inner);
                    return inner;
                case IEnumerable items and not string:
                    // A batch's responses (ExecuteMultiple's items, ExecuteTransaction's responses).
                    foreach (var item in items)
                    {
                        switch (item)
                        {
                            case OrganizationResponse r:
                                Apply(r);
                                break;
                            case ExecuteMultipleResponseItem { Response: { } r }:
                                Apply(r);
                                break;
                        }
                    }
                    return value;
                default:
                    return value;
            }
        }

        private Entity Typed(Entity entity) =>
            entity.GetType() == typeof(Entity) && entity.LogicalName != null && _convert.TryGetValue(entity.LogicalName, out var convert) ? convert(entity) : entity;

        private static EarlyBoundTypes Scan(Assembly assembly)
        {
            var convert = new Dictionary<string, Func<Entity, Entity>>(StringComparer.OrdinalIgnoreCase);
            foreach (var type in ResponseTypes.LoadableTypes(assembly))
            {
                if (type.IsAbstract || !typeof(Entity).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) == null)
                {
                    continue;
                }
                var marker = type.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == EntityLogicalName);
                if (marker is { ConstructorArguments: [{ Value: string table }] })
                {
                    // Entity.ToEntity<T>, as the SDK makes an early-bound row from a late-bound one.
                    var toEntity = ToEntity.MakeGenericMethod(type);
                    convert.TryAdd(table, row => (Entity)toEntity.Invoke(row, null)!);
                }
            }
            return new EarlyBoundTypes(convert);
        }
    }
}
