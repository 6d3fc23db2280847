using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// Short-hands that keep a test to its point: seed rows without running plug-ins, run a request as a
    /// user, read a step's traces and cost. No test framework dependency: assertions stay in the tests.
    /// </summary>
    public static class SandboxTestingExtensions
    {
        /// <summary>
        /// Inserts rows as they are (ids kept or assigned, defaults filled, a given createdon kept) without
        /// running the pipeline or counting round trips. Values are checked against the metadata.
        /// </summary>
        public static DataverseSandbox Seed(this DataverseSandbox sandbox, params Entity[] rows)
        {
            sandbox.Insert(rows, sandbox.AdminUserId, keepAuditColumns: true);
            return sandbox;
        }

        /// <summary>
        /// Changes columns of an existing row directly, without the pipeline (no step runs, no round trip): data
        /// that arrived around the plug-ins, such as an import with custom plug-in execution bypassed. Values are
        /// checked against the metadata; a null value clears the column.
        /// </summary>
        public static DataverseSandbox SeedChange(this DataverseSandbox sandbox, Entity change)
        {
            sandbox.WriteDirect(change.LogicalName, change.Id, row =>
            {
                foreach (var pair in change.Attributes)
                {
                    row[pair.Key] = pair.Value;
                }
            });
            return sandbox;
        }

        /// <summary>Seeds an enabled user (optionally with a manager, in a business unit other than the root) and returns its id.</summary>
        public static Guid SeedUser(this DataverseSandbox sandbox, string fullName, Guid? managerId = null, Guid? businessUnitId = null)
        {
            var user = new Entity("systemuser", Guid.NewGuid())
            {
                ["fullname"] = fullName,
                ["isdisabled"] = false,
                ["businessunitid"] = new EntityReference("businessunit", businessUnitId ?? sandbox.BusinessUnitId),
            };
            if (managerId != null)
            {
                user["parentsystemuserid"] = new EntityReference("systemuser", managerId.Value);
            }
            sandbox.Seed(user);
            return user.Id;
        }

        /// <summary>Seeds a business unit under a parent (the root business unit when none is given) and returns its id.</summary>
        public static Guid SeedBusinessUnit(this DataverseSandbox sandbox, string name, Guid? parentBusinessUnitId = null)
        {
            var unit = new Entity("businessunit", Guid.NewGuid())
            {
                ["name"] = name,
                ["parentbusinessunitid"] = new EntityReference("businessunit", parentBusinessUnitId ?? sandbox.BusinessUnitId),
            };
            sandbox.Seed(unit);
            return unit.Id;
        }

        /// <summary>Seeds an owner team in a business unit (the root when none is given) with members, and returns its id.</summary>
        public static Guid SeedTeam(this DataverseSandbox sandbox, string name, Guid? businessUnitId = null, params Guid[] memberIds)
        {
            var team = new Entity("team", Guid.NewGuid())
            {
                ["name"] = name,
                ["teamtype"] = new OptionSetValue(0), // owner team
                ["businessunitid"] = new EntityReference("businessunit", businessUnitId ?? sandbox.BusinessUnitId),
            };
            sandbox.Seed(team);
            foreach (var member in memberIds)
            {
                sandbox.Security.AddTeamMember(team.Id, member);
            }
            return team.Id;
        }

        /// <summary>Executes a request as a user (the administrator when none is given).</summary>
        public static OrganizationResponse Run(this DataverseSandbox sandbox, OrganizationRequest request, Guid? asUser = null) =>
            sandbox.CreateService(asUser ?? sandbox.AdminUserId).Execute(request);

        /// <summary>Executes a request and returns the typed response.</summary>
        public static TResponse Run<TResponse>(this DataverseSandbox sandbox, OrganizationRequest request, Guid? asUser = null)
            where TResponse : OrganizationResponse =>
            (TResponse)sandbox.Run(request, asUser);

        /// <summary>Every execution of the step with this name (or plug-in type name).</summary>
        public static IReadOnlyList<ExecutionRecord> ExecutionsOf(this DataverseSandbox sandbox, string stepName) =>
            sandbox.Executions.Where(e => e.StepName == stepName || e.Step.PluginType.FullName == stepName || e.Step.PluginType.Name == stepName).ToList();

        /// <summary>All trace lines the step wrote, across its executions, in order.</summary>
        public static IReadOnlyList<string> Traces(this DataverseSandbox sandbox, string stepName) =>
            sandbox.ExecutionsOf(stepName).SelectMany(e => e.Traces).ToList();

        /// <summary>Round trips the step issued into IOrganizationService, across its executions.</summary>
        public static int RoundTrips(this DataverseSandbox sandbox, string stepName) =>
            sandbox.ExecutionsOf(stepName).Sum(e => e.RoundTrips);

        /// <summary>Registers the plug-in types and returns the sandbox (fluent set-up).</summary>
        public static DataverseSandbox With(this DataverseSandbox sandbox, params Type[] pluginTypes)
        {
            sandbox.RegisterPlugins(pluginTypes);
            return sandbox;
        }

        /// <summary>Retrieves a committed row with all columns, failing like Dataverse if it is missing.</summary>
        public static Entity Get(this DataverseSandbox sandbox, string logicalName, Guid id) =>
            sandbox.Row(logicalName, id) ?? throw Faults.DoesNotExist(logicalName, id);
    }
}
