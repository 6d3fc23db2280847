using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Benchmarks.Sandbox
{
    /// <summary>
    /// The least any in-memory store of Dataverse rows does for one create, and nothing more: the caller builds the
    /// same Entity as the create benchmark, each column is looked up in a table of known columns, the mutable values
    /// are copied (the caller may change its objects after the call), the system columns a create adds are filled in,
    /// and the row is kept in compact form (one value array) in an id index. No pipeline, no transaction, no security,
    /// no validation beyond the column names, no value checks, ids from a counter. What it costs on this machine is a
    /// floor under any sandbox's create (FakeXrmEasy's or ours): a create goal below it cannot be met by any design.
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
    }
}
