using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// How the platform splits an Update (Microsoft Learn, "Behavior of specialized update operations"): "When update
    /// requests are processed that include both state/status fields plus other standard fields, plug-ins registered for
    /// the Update message in PreOperation and/or PostOperation stages execute once for all non-state/status fields, and
    /// then once for the state/status fields", and likewise "both owner fields plus other standard fields for business
    /// owned tables … once for all non-owner fields, and then once for the owner fields". The page names businessunit and
    /// manager of a user as owner fields; the sandbox takes the lookups that place a business-owned row — its business
    /// unit, a user's manager, a business unit's parent. Where an Update has all three kinds, the page does not say in which
    /// order the owner and state passes come; the sandbox runs the owner fields second and the state fields last.
    /// </summary>
    internal static class SpecializedUpdate
    {
        private static readonly string[] StateFields = { "statecode", "statuscode" };
        private static readonly string[] OwnerFields = { "businessunitid", "parentsystemuserid", "parentbusinessunitid" };

        /// <summary>
        /// The Target's parts in the order the platform writes them — other fields, owner fields, state fields, the empty
        /// ones left out — or null when the Update runs in one pass (a single kind of field).
        /// </summary>
        public static IReadOnlyList<Entity>? Parts(Entity target, SandboxMetadata metadata)
        {
            // Counted, not enumerated: every Update passes here, and enumerating its Target would allocate an enumerator.
            var attributes = target.Attributes;
            int state = Count(attributes, StateFields);
            bool businessOwned = metadata.Table(target.LogicalName)?.Ownership == TableOwnership.BusinessOwned;
            int owner = businessOwned ? Count(attributes, OwnerFields) : 0;
            int id = attributes.ContainsKey(metadata.PrimaryIdAttribute(target.LogicalName)) ? 1 : 0;
            int other = attributes.Count - state - owner - id;
            if ((state > 0 ? 1 : 0) + (owner > 0 ? 1 : 0) + (other > 0 ? 1 : 0) < 2)
            {
                return null;
            }
            var parts = new List<Entity>(3);
            if (other > 0)
            {
                parts.Add(Part(target, column => !IsOne(column, StateFields) && !(businessOwned && IsOne(column, OwnerFields))));
            }
            if (owner > 0)
            {
                parts.Add(Part(target, column => IsOne(column, OwnerFields)));
            }
            if (state > 0)
            {
                parts.Add(Part(target, column => IsOne(column, StateFields)));
            }
            return parts;
        }

        private static int Count(AttributeCollection attributes, string[] fields)
        {
            int count = 0;
            foreach (var field in fields)
            {
                count += attributes.ContainsKey(field) ? 1 : 0;
            }
            return count;
        }

        private static bool IsOne(string column, string[] fields) => Array.IndexOf(fields, column) >= 0;

        private static Entity Part(Entity target, Func<string, bool> keep)
        {
            var part = new Entity(target.LogicalName, target.Id);
            foreach (var key in target.KeyAttributes)
            {
                part.KeyAttributes[key.Key] = key.Value;
            }
            foreach (var pair in target.Attributes)
            {
                if (keep(pair.Key))
                {
                    part.Attributes[pair.Key] = pair.Value;
                }
            }
            return part;
        }
    }
}
