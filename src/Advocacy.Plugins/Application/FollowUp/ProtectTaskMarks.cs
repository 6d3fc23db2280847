using System;
using System.Collections.Generic;
using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Application.FollowUp
{
    /// <summary>
    /// Refuses a client's task save that sets or changes <c>adv_kind</c> or <c>adv_sourcekey</c>
    /// (<see cref="ProductTaskMarks"/>): then every task that carries a key or a kind was written by the product, and
    /// "a task with this key exists" means what the task writer, the sweep and the cadence take it to mean. A value
    /// sent unchanged (a form saving every column) is not a change. The refusal happens before the main operation,
    /// so nothing is written.
    /// </summary>
    public sealed class ProtectTaskMarks
    {
        private readonly IAdvocacyHost _host;

        public ProtectTaskMarks(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <param name="depth">The request's depth: 1 for a client's request.</param>
        /// <param name="target">The columns the save sets.</param>
        /// <param name="before">The task before an update (its marks); null for a create.</param>
        public void Check(int depth, Entity target, Entity? before)
        {
            if (target == null) throw new ArgumentNullException(nameof(target));
            var changed = new List<string>();
            foreach (var column in new[] { ProductTaskMarks.KindColumn, ProductTaskMarks.KeyColumn })
            {
                if (target.Contains(column) && !Same(target[column], before != null && before.Contains(column) ? before[column] : null))
                {
                    changed.Add(column);
                }
            }

            if (changed.Count == 0)
            {
                return;
            }

            if (ProductTaskMarks.MayChange(depth))
            {
                _host.Trace("Task marks {0} written at depth {1}: a write of the product (plug-in or workflow), accepted.", string.Join(", ", changed), depth);
                return;
            }

            _host.Trace("Task marks {0} set by a client's request (depth {1}): refused, so no user-made task can stand for the product's.", string.Join(", ", changed), depth);
            throw new InvalidPluginExecutionException(ProductTaskMarks.Refusal(changed));
        }

        private static bool Same(object? value, object? before)
        {
            if (value is OptionSetValue option)
            {
                return before is OptionSetValue was && was.Value == option.Value;
            }

            if (value is string text && text.Length == 0)
            {
                value = null;
            }

            return Equals(value, before);
        }
    }
}
