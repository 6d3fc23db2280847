using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Metadata;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// How a row's status reason follows its state, where the metadata says which state each status reason belongs to
    /// (Entity.xml's &lt;status state="…"&gt; and &lt;state defaultstatus="…"&gt;, or the standard tables' published options):
    /// a write that sets the state without a status reason — or with -1, as SetState allows — gets the state's default
    /// status reason ("Behavior of specialized update operations", Microsoft Learn: "When you update StateCode without
    /// specifying StatusCode, the default status value will be set by the system"), and a status reason of another state
    /// is refused with the platform's InvalidStateCodeStatusCode. Tables whose options do not say are left alone.
    /// </summary>
    internal static class StateStatus
    {
        /// <param name="stateWritten">The save sets statecode (a create always does, by default or given).</param>
        /// <param name="statusWritten">The save sets statuscode itself.</param>
        public static void Apply(TableMetadata? table, IRowColumns row, bool stateWritten, bool statusWritten)
        {
            var states = table?.Column("statecode")?.OptionSet;
            var statuses = table?.Column("statuscode")?.OptionSet;
            if (states is not { Type: OptionSetType.State } || statuses is not { Type: OptionSetType.Status }
                || row.Get<OptionSetValue>("statecode") is not { } state)
            {
                return;
            }

            var status = row.Get<OptionSetValue>("statuscode");
            if ((stateWritten && !statusWritten) || status == null || status.Value == -1)
            {
                var defaultStatus = Find(states, state.Value)?.DefaultStatus;
                if (defaultStatus.HasValue)
                {
                    row.Set("statuscode", new OptionSetValue(defaultStatus.Value));
                    return;
                }
            }

            status = row.Get<OptionSetValue>("statuscode");
            var option = status == null ? null : Find(statuses, status.Value);
            if (Find(states, state.Value) == null || status == null || option == null || (option.State.HasValue && option.State.Value != state.Value))
            {
                throw new SandboxFaultException(ErrorCodes.InvalidStateCodeStatusCode,
                    $"State code is invalid or state code is valid but status code is invalid for a specified state code. ({row.LogicalName} {row.Id}: statecode {state.Value}, statuscode {(status == null ? "(none)" : status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}.)");
            }
        }

        // An index loop rather than LINQ or foreach: this runs on every create of a table with states, and a lambda over
        // the value (or an enumerator of the read-only list) would allocate each time.
        private static ChoiceOption? Find(ChoiceOptionSet set, int value)
        {
            var options = set.Options;
            for (int i = 0; i < options.Count; i++)
            {
                if (options[i].Value == value)
                {
                    return options[i];
                }
            }

            return null;
        }
    }
}
