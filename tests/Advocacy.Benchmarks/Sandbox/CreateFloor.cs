using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Benchmarks.Sandbox
{
    /// <summary>
    /// The least an in-memory store of Dataverse rows does for one create, and nothing more, in two designs. Both: the
    /// caller builds the same Entity as the create benchmark, each column is looked up in a table of known columns, the
    /// lookup's user is checked, the system columns a create adds are filled in, the row is indexed by id. No pipeline,
    /// no transaction, no security, no other checks, ids from a counter.
    /// <list type="bullet">
    /// <item><see cref="Run"/>, a row store (FakeXrmEasy's design and ours): each row keeps its values as objects in one
    /// array, the mutable ones copied (the caller may change its objects after the call).</item>
    /// <item><see cref="RunColumnar"/>, a column store: one typed array per column (names, amounts, counts, owner ids,
    /// dates, versions), so a row adds no object of its own to the heap but the caller's name string.</item>
    /// </list>
    /// What each costs on this machine is a floor under any sandbox built that way: a create goal below the row store's
    /// floor cannot be met by a row store, however lean its pipeline.
    /// </summary>
    internal static class CreateFloor
    {
        private static readonly string[] Columns =
        {
            "accountid", "name", "revenue", "numberofemployees", "ownerid", "createdon", "modifiedon", "createdby", "modifiedby",
            "owningbusinessunit", "statecode", "statuscode", "versionnumber", "transactioncurrencyid", "exchangerate", "revenue_base",
        };

        /// <summary>Creates <paramref name="rows"/> rows; returns how many the store holds (so nothing is optimized away).</summary>
        public static int Run(Guid[] owners, int rows = SandboxData.Rows)
        {
            var known = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var column in Columns)
            {
                known[column] = known.Count;
            }
            var users = new HashSet<Guid>(owners);
            var shared = new Dictionary<Guid, EntityReference>();
            var caller = new EntityReference("systemuser", owners[0]);
            var unit = new EntityReference("businessunit", Guid.NewGuid());
            var currency = new EntityReference("transactioncurrency", Guid.NewGuid());
            object rate = 1.0m, active = new OptionSetValue(0), status = new OptionSetValue(1);
            var index = new Dictionary<Guid, int>();
            var store = new object?[16][];
            long version = 0;
            for (int i = 0; i < rows; i++)
            {
                var entity = SandboxData.Account(i, owners);
                var values = new object?[Columns.Length];
                foreach (var pair in entity.Attributes)
                {
                    if (!known.TryGetValue(pair.Key, out int column))
                    {
                        throw new InvalidOperationException($"unknown column {pair.Key}");
                    }
                    object? value = pair.Value;
                    switch (value)
                    {
                        case Money money:
                            value = new Money(money.Value);
                            values[15] = new Money(money.Value); // the base amount at an exchange rate of 1
                            break;
                        case EntityReference reference:
                            if (!users.Contains(reference.Id))
                            {
                                throw new InvalidOperationException($"no user {reference.Id}");
                            }
                            if (!shared.TryGetValue(reference.Id, out var copy))
                            {
                                shared[reference.Id] = copy = new EntityReference(reference.LogicalName, reference.Id);
                            }
                            value = copy;
                            break;
                    }
                    values[column] = value;
                }
                var id = new Guid(i, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8);
                object now = DateTime.UtcNow;
                values[0] = id;
                (values[5], values[6], values[7], values[8], values[9]) = (now, now, caller, caller, unit);
                (values[10], values[11], values[12], values[13], values[14]) = (active, status, ++version, currency, rate);
                if (i == store.Length)
                {
                    Array.Resize(ref store, store.Length * 2);
                }
                store[i] = values;
                index[id] = i;
            }
            return index.Count;
        }

        /// <summary>The column store: the same work with one typed array per column and no object per row.</summary>
        public static int RunColumnar(Guid[] owners, int rows = SandboxData.Rows)
        {
            var known = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["name"] = 0, ["revenue"] = 1, ["numberofemployees"] = 2, ["ownerid"] = 3 };
            var users = new HashSet<Guid>(owners);
            int capacity = 16;
            var ids = new Guid[capacity];
            var names = new string?[capacity];
            var revenue = new decimal?[capacity];
            var employees = new int?[capacity];
            var owner = new Guid[capacity];
            var createdOn = new DateTime[capacity];
            var version = new long[capacity];
            var index = new Dictionary<Guid, int>();
            long next = 0;
            for (int i = 0; i < rows; i++)
            {
                var entity = SandboxData.Account(i, owners);
                if (i == capacity)
                {
                    capacity *= 2;
                    Array.Resize(ref ids, capacity);
                    Array.Resize(ref names, capacity);
                    Array.Resize(ref revenue, capacity);
                    Array.Resize(ref employees, capacity);
                    Array.Resize(ref owner, capacity);
                    Array.Resize(ref createdOn, capacity);
                    Array.Resize(ref version, capacity);
                }
                foreach (var pair in entity.Attributes)
                {
                    switch (known.TryGetValue(pair.Key, out int column) ? column : throw new InvalidOperationException($"unknown column {pair.Key}"))
                    {
                        case 0:
                            names[i] = (string)pair.Value;
                            break;
                        case 1:
                            revenue[i] = ((Money)pair.Value).Value;
                            break;
                        case 2:
                            employees[i] = (int)pair.Value;
                            break;
                        default:
                            var reference = (EntityReference)pair.Value;
                            owner[i] = users.Contains(reference.Id) ? reference.Id : throw new InvalidOperationException($"no user {reference.Id}");
                            break;
                    }
                }
                var id = new Guid(i, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8);
                (ids[i], createdOn[i], version[i]) = (id, DateTime.UtcNow, ++next);
                index[id] = i;
            }
            return index.Count;
        }
    }
}
