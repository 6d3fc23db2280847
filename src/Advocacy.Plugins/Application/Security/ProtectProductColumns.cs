using System;
using Advocacy.Plugins.Domain;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Domain.Security;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Application.Security
{
    /// <summary>
    /// Refuses a client's save that sets or changes a product column (<see cref="ProductColumns"/>), before the main
    /// operation, so nothing is written. A value sent unchanged (a form saving a column it shows) is not a change. With
    /// this, every task carrying a key or kind was written by the product, and "a task with this key exists" means what
    /// the task writer, the sweep and the cadence take it to mean.
    /// </summary>
    public sealed class ProtectProductColumns
    {
        private readonly IAdvocacyHost _host;

        public ProtectProductColumns(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <param name="depth">The request's depth: 1 for a client's request.</param>
        /// <param name="target">The columns the save sets.</param>
        /// <param name="before">The row before an update (its product columns); null for a create.</param>
        public void Check(int depth, Entity target, Entity? before)
        {
            if (target == null) throw new ArgumentNullException(nameof(target));
            string primaryId = target.LogicalName + "id";
            var changed = target.Attributes
                .Where(a => !a.Key.Equals(primaryId, StringComparison.OrdinalIgnoreCase) && ProductColumns.IsProductColumn(target.LogicalName, a.Key))
                .Where(a => !Same(a.Value, before != null && before.Contains(a.Key) ? before[a.Key] : null))
                .Select(a => a.Key)
                .OrderBy(k => k, StringComparer.Ordinal)
                .ToList();
            if (changed.Count == 0)
            {
                return;
            }

            if (ProductColumns.MayChange(depth))
            {
                _host.Trace("{0} {1} written at depth {2}: a write of the product (plug-in or workflow), accepted.", target.LogicalName, string.Join(", ", changed), depth);
                return;
            }

            _host.Trace("{0} {1} set by a client's request (depth {2}): refused, only the product writes them.", target.LogicalName, string.Join(", ", changed), depth);
            throw new AdvocacyInputException(ProductColumns.Refusal(target.LogicalName, changed));
        }

        /// <summary>Whether a written value leaves the column as it was (an empty text is no text).</summary>
        internal static bool Same(object? value, object? before)
        {
            value = Normal(value);
            before = Normal(before);
            return value switch
            {
                OptionSetValue option => before is OptionSetValue was && was.Value == option.Value,
                EntityReference reference => before is EntityReference was && was.Id == reference.Id,
                Money money => before is Money was && was.Value == money.Value,
                _ => Equals(value, before),
            };
        }

        private static object? Normal(object? value) => value is string text && text.Length == 0 ? null : value;
    }
}
