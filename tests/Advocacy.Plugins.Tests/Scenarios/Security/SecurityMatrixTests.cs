using System;
using System.Activities;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Activities.Assignment;
using Advocacy.Plugins.Activities.FollowUp;
using Advocacy.Plugins.Activities.Impact;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Plugins;
using Advocacy.Registration;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Security
{
    /// <summary>
    /// Issue 13's security matrix: every entry point of the assembly — each Custom API, each (message, table) a step is
    /// registered on, each workflow activity — run by an agent ("Customer Advocate"), a manager ("Advocacy Manager"), a user
    /// with no role, and SYSTEM, with the security model on, is allowed or refused exactly as <see cref="Table"/> says.
    /// The entry points are read from the registration attributes, so a new Custom API, step table or activity without a
    /// row fails <see cref="Every_entry_point_of_the_assembly_has_a_row_and_every_row_an_entry_point"/>.
    /// </summary>
    [TestClass]
    public sealed class SecurityMatrixTests
    {
        /// <summary>Expected results, one character per caller in the order agent, manager, no role, SYSTEM: '+' allowed, '-' refused.</summary>
        private static readonly Dictionary<string, (string Expected, string Why)> Table = new()
        {
            ["api:adv_AssignAdvocate"] = ("-+-+", "execute privilege prvCreateadv_Advocate (managers), then the account must be one the caller can see"),
            ["api:adv_RecountAdvocateLoad"] = ("-+-+", "execute privilege prvCreateadv_Advocate"),
            ["api:adv_RunProactiveSweep"] = ("-+-+", "execute privilege prvCreateadv_Advocate"),
            ["api:adv_ScoreInconvenience"] = ("++-+", "execute privilege prvCreateadv_Inconvenience: whoever records inconveniences may preview one"),
            ["api:adv_GetAdvocacyReport"] = ("++-+", "execute privilege prvReadadv_Feedback; the figures are read as the caller"),
            ["step:Create:account"] = ("---+", "neither role creates accounts (the users' usual roles do)"),
            ["step:Update:account"] = ("-+-+", "managers set tiers and advocates (Write Deep); advocates do not write accounts"),
            ["step:Delete:account"] = ("---+", "no advocacy role deletes accounts"),
            ["step:Merge:account"] = ("-+-+", "merging needs read and write on both accounts: the managers' (Write Deep); advocates write no account"),
            ["step:Create:incident"] = ("---+", "cases come from the users' usual roles"),
            ["step:Update:incident"] = ("---+", "escalating a case is the usual role's; neither advocacy role writes cases"),
            ["step:Merge:incident"] = ("---+", "merging cases is the usual role's; neither advocacy role writes cases"),
            ["step:Create:incidentresolution"] = ("++-+", "a resolution is an activity (prvCreateActivity) appended to a case the caller may append to"),
            ["step:Create:task"] = ("++-+", "a plain task of one's own (without the product's kind or key)"),
            ["step:Update:task"] = ("++-+", "completing one's own task"),
            ["step:Create:adv_advocate"] = ("-+-+", "profiles are the managers'"),
            ["step:Update:adv_advocate"] = ("-+-+", "profiles are the managers'"),
            ["step:Delete:adv_advocate"] = ("---+", "no advocacy role deletes profiles (deactivating is the managers' way); a profile in use is refused even to SYSTEM (AdvocateDeletionTests)"),
            ["step:Create:adv_assignmentlock"] = ("----", "lock rows are written only by the product (its guard refuses every client, even SYSTEM's own request)"),
            ["step:Update:adv_assignmentlock"] = ("----", "lock rows are written only by the product"),
            ["step:Create:adv_feedback"] = ("++-+", "recording a customer's answer for an account of one's business unit"),
            ["step:Update:adv_feedback"] = ("++-+", "correcting one's own answer"),
            ["step:Create:adv_inconvenience"] = ("++-+", "recording an inconvenience for an account of one's business unit"),
            ["step:Update:adv_inconvenience"] = ("++-+", "correcting one's own inconvenience"),
            ["step:Delete:adv_feedback"] = ("-+-+", "removing an answer recorded by mistake is the managers' (Delete Deep); advocates delete none"),
            ["step:Delete:adv_inconvenience"] = ("-+-+", "removing an inconvenience recorded by mistake is the managers' (Delete Deep); advocates delete none"),
            ["step:Update:salesorder"] = ("---+", "orders are the Sales roles'; the advocacy roles grant no order privilege"),
            ["activity:AssignAdvocateActivity"] = ("-+-+", "runs as the workflow's user, who writes the account's advocate: managers only"),
            ["activity:CalculateInconvenienceImpactActivity"] = ("++-+", "reads the account and settings as the workflow's user"),
            ["activity:CreateAdvocacyFollowUpActivity"] = ("-+-+", "creates a task owned by the advocate as the workflow's user: Create Activity beyond Basic (managers)"),
            ["activity:RunProactiveSweepActivity"] = ("-+-+", "creates the advocates' check-ins as the workflow's user (managers)"),
            ["activity:ScheduleNextProactiveContactActivity"] = ("-+-+", "writes the account's contact dates as the workflow's user (managers)"),
        };

        private static readonly string[] Callers = { "agent", "manager", "no role", "SYSTEM" };

        private static IReadOnlyList<string> EntryPoints()
        {
            var registration = RegistrationReader.Read(typeof(AdvocacyPlugin).Assembly);
            var keys = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var type in registration.Types)
            {
                if (type.CustomApi != null) keys.Add("api:" + type.CustomApi.UniqueName);
                if (type.IsWorkflowActivity) keys.Add("activity:" + type.TypeName.Substring(type.TypeName.LastIndexOf('.') + 1));
                foreach (var step in type.Steps) keys.Add("step:" + step.Message + ":" + step.PrimaryEntity);
            }

            return keys.ToList();
        }

        [TestMethod]
        public void Every_entry_point_of_the_assembly_has_a_row_and_every_row_an_entry_point()
        {
            var entryPoints = EntryPoints();

            CollectionAssert.AreEquivalent(entryPoints.ToList(), Table.Keys.ToList(),
                "without a row: " + string.Join(", ", entryPoints.Except(Table.Keys)) + "; rows without an entry point: " + string.Join(", ", Table.Keys.Except(entryPoints)));
        }

        [TestMethod]
        public void Every_entry_point_allows_and_refuses_each_caller_as_the_table_says()
        {
            var differences = new List<string>();
            foreach (var entry in Table)
            {
                for (int c = 0; c < Callers.Length; c++)
                {
                    var world = new MatrixWorld();
                    string outcome = world.Run(entry.Key, world.Caller(c));
                    bool allowed = outcome.Length == 0;
                    bool expected = entry.Value.Expected[c] == '+';
                    if (allowed != expected)
                    {
                        differences.Add(entry.Key + " as " + Callers[c] + ": expected " + (expected ? "allowed" : "refused") + ", was " + (allowed ? "allowed" : "refused: " + outcome));
                    }
                }
            }

            Assert.IsEmpty(differences, string.Join("\n", differences));
        }

        /// <summary>The product with a realistic set-up: an advocate with an account and a case, lock rows created, roles given, enforcement on.</summary>
        private sealed class MatrixWorld
        {
            private readonly AdvocacyWorld _w = new();
            private readonly Guid _advocate;
            private readonly Guid _account;
            private readonly Guid _unadvocated;
            private readonly Guid _case;
            private readonly Guid _noRole;

            public MatrixWorld()
            {
                var lee = _w.SeedUser("Lee Park");
                _advocate = _w.SeedAdvocate("Lee Park", lee, new[] { CustomerTier.Strategic, CustomerTier.Key, CustomerTier.Standard });
                _account = _w.SeedAccount("Contoso", CustomerTier.Key, _advocate);
                _w.SeedAccount("Due soon", CustomerTier.Key, _advocate);
                _unadvocated = _w.SeedAccount("Fabrikam", CustomerTier.Key); // an assignment writes its advocate
                _case = Guid.NewGuid();
                _w.Sandbox.Seed(new Entity("incident", _case) { ["title"] = "Late pallets", ["customerid"] = new EntityReference("account", _account), ["ownerid"] = new EntityReference("systemuser", _w.AgentUserId) });
                LockRows.EnsureAll(_w.Sandbox.NestedService);
                _noRole = _w.Sandbox.SeedUser("Nora Norole");
                _w.Sandbox.Security.AssignRole(_w.AgentUserId, "Customer Advocate");
                _w.Sandbox.Security.AssignRole(_w.ManagerUserId, "Advocacy Manager");
                // The admin guide's first step: advocates hold "Customer Advocate" — the platform gives a task only to an
                // owner who can read it (TargetPrincipalLacksReadPrivilege), so without it no task could be Lee's.
                _w.Sandbox.Security.AssignRole(lee, "Customer Advocate");
                _w.Sandbox.Security.Enforce = true;
            }

            public Guid Caller(int index) => index switch
            {
                0 => _w.AgentUserId,
                1 => _w.ManagerUserId,
                2 => _noRole,
                _ => _w.Sandbox.SystemUserId,
            };

            /// <summary>Runs the entry point's representative action as the user: "" when allowed, else why it was refused.</summary>
            public string Run(string entry, Guid user)
            {
                var service = _w.Sandbox.CreateService(user);
                try
                {
                    Act(entry, user, service);
                    return string.Empty;
                }
                catch (SandboxFaultException ex)
                {
                    return ex.Message;
                }
                catch (InvalidPluginExecutionException ex)
                {
                    return ex.Message;
                }
            }

            private Guid Own(string table, Guid user, params (string Column, object Value)[] columns)
            {
                var row = new Entity(table, Guid.NewGuid()) { ["ownerid"] = new EntityReference("systemuser", user) };
                foreach (var (column, value) in columns) row[column] = value;
                _w.Sandbox.Seed(row);
                return row.Id;
            }

            private EntityReference Account => new("account", _account);

            private void Act(string entry, Guid user, IOrganizationService service)
            {
                switch (entry)
                {
                    case "api:adv_AssignAdvocate": _w.Sandbox.Run(new OrganizationRequest("adv_AssignAdvocate") { ["Account"] = new EntityReference("account", _unadvocated) }, user); break;
                    case "api:adv_RecountAdvocateLoad": _w.Sandbox.Run(new OrganizationRequest("adv_RecountAdvocateLoad"), user); break;
                    case "api:adv_RunProactiveSweep": _w.Sandbox.Run(new OrganizationRequest("adv_RunProactiveSweep"), user); break;
                    case "api:adv_ScoreInconvenience": _w.Sandbox.Run(new OrganizationRequest("adv_ScoreInconvenience") { ["Account"] = Account, ["BusinessCritical"] = true }, user); break;
                    case "api:adv_GetAdvocacyReport": _w.Sandbox.Run(new OrganizationRequest("adv_GetAdvocacyReport"), user); break;
                    case "step:Create:account": service.Create(new Entity("account") { ["name"] = "New", ["adv_tier"] = Choices.Option(CustomerTier.Key) }); break;
                    case "step:Update:account": service.Update(new Entity("account", _account) { ["adv_tier"] = Choices.Option(CustomerTier.Strategic) }); break;
                    case "step:Delete:account": service.Delete("account", _account); break;
                    case "step:Merge:account":
                        service.Execute(new OrganizationRequest("Merge")
                        {
                            ["Target"] = Account,
                            ["SubordinateId"] = Own("account", _w.AgentUserId, ("name", "Contoso Ltd")),
                            ["UpdateContent"] = new Entity("account"),
                            ["PerformParentingChecks"] = false,
                        });
                        break;
                    case "step:Create:incident": service.Create(new Entity("incident") { ["title"] = "New", ["customerid"] = Account }); break;
                    case "step:Update:incident": service.Update(new Entity("incident", _case) { ["isescalated"] = true }); break;
                    case "step:Merge:incident":
                        service.Execute(new OrganizationRequest("Merge")
                        {
                            ["Target"] = new EntityReference("incident", _case),
                            ["SubordinateId"] = Own("incident", _w.AgentUserId, ("title", "Duplicate"), ("customerid", Account)),
                            ["UpdateContent"] = new Entity("incident"),
                            ["PerformParentingChecks"] = false,
                        });
                        break;
                    case "step:Create:incidentresolution": service.Create(new Entity("incidentresolution") { ["subject"] = "Resolved", ["incidentid"] = new EntityReference("incident", _case) }); break;
                    case "step:Create:task": service.Create(new Entity("task") { ["subject"] = "Call", ["regardingobjectid"] = Account }); break;
                    case "step:Update:task":
                    {
                        var task = Own("task", user, ("subject", "Call"), ("statecode", new OptionSetValue(0)), ("statuscode", new OptionSetValue(2)));
                        service.Update(new Entity("task", task) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5) });
                        break;
                    }
                    case "step:Create:adv_advocate": service.Create(new Entity("adv_advocate") { ["adv_name"] = "New", ["adv_userid"] = new EntityReference("systemuser", _noRole) }); break;
                    case "step:Update:adv_advocate": service.Update(new Entity("adv_advocate", _advocate) { ["adv_capacity"] = 30 }); break;
                    case "step:Delete:adv_advocate": service.Delete("adv_advocate", Own("adv_advocate", _w.ManagerUserId, ("adv_name", "Spare"))); break;
                    case "step:Create:adv_assignmentlock": service.Create(new Entity("adv_assignmentlock") { ["adv_name"] = "mine" }); break;
                    case "step:Update:adv_assignmentlock": service.Update(new Entity("adv_assignmentlock", LockRows.IdFor(LockRows.Assignment)) { ["adv_name"] = LockRows.Assignment }); break;
                    case "step:Create:adv_feedback": service.Create(new Entity("adv_feedback") { ["adv_accountid"] = Account, ["adv_nps"] = 9 }); break;
                    case "step:Update:adv_feedback":
                    {
                        var feedback = Own("adv_feedback", user, ("adv_accountid", Account), ("adv_nps", 9));
                        service.Update(new Entity("adv_feedback", feedback) { ["adv_nps"] = 10 });
                        break;
                    }
                    case "step:Create:adv_inconvenience": service.Create(new Entity("adv_inconvenience") { ["adv_name"] = "Late", ["adv_accountid"] = Account }); break;
                    case "step:Update:adv_inconvenience":
                    {
                        var inconvenience = Own("adv_inconvenience", user, ("adv_name", "Late"), ("adv_accountid", Account));
                        service.Update(new Entity("adv_inconvenience", inconvenience) { ["adv_businesscritical"] = true });
                        break;
                    }
                    case "step:Delete:adv_feedback":
                    {
                        var feedback = Own("adv_feedback", _w.AgentUserId, ("adv_accountid", Account), ("adv_nps", 9));
                        service.Delete("adv_feedback", feedback);
                        break;
                    }
                    case "step:Delete:adv_inconvenience":
                    {
                        var inconvenience = Own("adv_inconvenience", _w.AgentUserId, ("adv_name", "Late"), ("adv_accountid", Account));
                        service.Delete("adv_inconvenience", inconvenience);
                        break;
                    }
                    case "step:Update:salesorder":
                    {
                        var order = Own("salesorder", _w.AgentUserId, ("name", "Order 1"), ("customerid", Account));
                        service.Update(new Entity("salesorder", order) { ["datefulfilled"] = AdvocacyWorld.Now });
                        break;
                    }
                    case "activity:AssignAdvocateActivity": Activity(new AssignAdvocateActivity(), user, ("Account", new EntityReference("account", _unadvocated))); break;
                    case "activity:CalculateInconvenienceImpactActivity": Activity(new CalculateInconvenienceImpactActivity(), user, ("Account", Account), ("BusinessCritical", true)); break;
                    case "activity:CreateAdvocacyFollowUpActivity":
                        Activity(new CreateAdvocacyFollowUpActivity(), user, ("Account", Account), ("Kind", Choices.Option(AdvocacyTaskKind.ProactiveCheckIn).Value), ("Subject", "Check in"));
                        break;
                    case "activity:RunProactiveSweepActivity": Activity(new RunProactiveSweepActivity(), user); break;
                    case "activity:ScheduleNextProactiveContactActivity": Activity(new ScheduleNextProactiveContactActivity(), user, ("Account", Account), ("ContactDate", AdvocacyWorld.Now)); break;
                    default: throw new AssertFailedException("no action for " + entry);
                }
            }

            private void Activity(Activity activity, Guid user, params (string Name, object Value)[] inputs) =>
                WorkflowActivityHarness.Run(_w, activity, inputs.ToDictionary(i => i.Name, i => i.Value), user);
        }
    }
}
