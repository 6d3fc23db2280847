using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Plugins;
using Advocacy.Registration;
using Advocacy.Sandbox;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios
{
    /// <summary>
    /// Issue 14: random hostile saves through every table a product step is registered on, in the sandbox with the
    /// whole product installed, as a careless or malicious user would make them: every column the table has, with
    /// values at and beyond the platform's limits (dates at 1753 and 9999, money at ±922,337,203,685,477, lone
    /// surrogates, control characters, lookups to rows that do not exist or to the wrong table, undefined choice
    /// values), created, updated, deleted, cases closed (CloseIncident) and reopened, and accounts merged with those values as
    /// the merge's choices. Each save either succeeds or fails with a clear fault — never a raw .NET
    /// exception out of our plug-ins ("Unexpected exception from plug-in") — a failed save leaves every row as it was,
    /// queued async jobs never fail with a raw exception, and no save takes longer than a hang guard.
    /// </summary>
    [TestClass]
    public sealed class PluginStepFuzzTests
    {
        /// <summary>
        /// The platform's own wording for a record a call named that is not there: fine when the user's own save named
        /// it (the platform refuses the user's lookup), a leak when one of our plug-ins' calls did.
        /// </summary>
        private static readonly System.Text.RegularExpressions.Regex RawMissingRecord = new(@"With Id = ([0-9a-fA-F-]+) Does Not Exist");

        private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

        /// <summary>The tables the product's steps are registered on, from the assembly's own attributes.</summary>
        private static readonly Lazy<string[]> StepTables = new(() =>
            RegistrationReader.Read(typeof(AdvocacyPlugin).Assembly).Steps
                .Select(s => s.PrimaryEntity).Where(t => !string.IsNullOrEmpty(t) && t != "none").Select(t => t!).Distinct().OrderBy(t => t).ToArray());

        /// <summary>Per table, the columns its steps filter on or take in images: what the product reads.</summary>
        private static readonly Lazy<Dictionary<string, HashSet<string>>> StepColumns = new(() =>
            RegistrationReader.Read(typeof(AdvocacyPlugin).Assembly).Steps
                .Where(s => !string.IsNullOrEmpty(s.PrimaryEntity))
                .GroupBy(s => s.PrimaryEntity!)
                .ToDictionary(g => g.Key, g => new HashSet<string>(g.SelectMany(s => s.FilteringAttributes.Concat(s.Images.SelectMany(i => i.Attributes))), StringComparer.OrdinalIgnoreCase)));

        // System-maintained columns a user cannot set on the platform either; the sandbox may refuse them, which is
        // not what this test is about.
        private static readonly HashSet<string> SystemColumns = new(StringComparer.OrdinalIgnoreCase)
        {
            "createdon", "modifiedon", "createdby", "modifiedby", "createdonbehalfby", "modifiedonbehalfby", "versionnumber",
            "owningbusinessunit", "owninguser", "owningteam", "overriddencreatedon", "importsequencenumber", "timezoneruleversionnumber",
            "utcconversiontimezonecode", "exchangerate", "activityid", "activitytypecode",
        };

        internal sealed class Save
        {
            public int Table;
            public int Kind; // 0 create, 1 update, 2 delete, 3 close or reopen a case or a task, merge two accounts (other tables: update)
            public int Target;
            public (int Column, int Value)[] Values = Array.Empty<(int, int)>();

            public override string ToString() => $"table#{Table} kind{Kind} target#{Target} [{string.Join(", ", Values.Select(v => v.Column + "=" + v.Value))}]";
        }

        private const string ClosedActivity = "Cannot update Closed or Cancelled Activity";

        [TestMethod]
        public void Hostile_saves_on_every_step_table_succeed_or_fail_clearly_and_leave_nothing_half_written()
        {
            Gen<Save> save =
                from table in Gen.Choose(0, 1000)
                from kind in Gen.Frequency((4, Gen.Constant(0)), (5, Gen.Constant(1)), (1, Gen.Constant(2)), (3, Gen.Constant(3)))
                from target in Gen.Choose(0, 1000)
                from count in Gen.Choose(1, 6)
                from values in Gen.Zip(Gen.Choose(0, 1000), Gen.Choose(0, 1000)).ArrayOf(count)
                select new Save { Table = table, Kind = kind, Target = target, Values = values.Select(v => (v.Item1, v.Item2)).ToArray() };

            var failures = new List<string>();
            var ran = new List<string>();
            var refusals = new List<string>();
            int saves = 0, refused = 0;
            Prop.ForAll(save.ArrayOf().Select(a => a.Take(8).ToArray()).ToArbitrary(), sequence =>
            {
                var world = new FuzzWorld(ran, refusals);
                foreach (var step in sequence)
                {
                    saves++;
                    var outcome = world.Apply(step);
                    if (outcome.Refused) refused++;
                    if (outcome.Problem != null)
                    {
                        failures.Add(step + ": " + outcome.Problem);
                    }
                }

                return true;
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));

            // What the run reached, for whoever reads the test's output.
            Console.WriteLine("Steps run:\n" + string.Join("\n", ran.GroupBy(r => r).OrderByDescending(g => g.Count()).Select(g => g.Count() + " " + g.Key)));
            Console.WriteLine("Most frequent refusals:\n" + string.Join("\n", refusals.GroupBy(r => r).OrderByDescending(g => g.Count()).Take(15).Select(g => g.Count() + " " + g.Key)));
            Assert.AreEqual(0, failures.Count, string.Join("\n\n", failures.Distinct().Take(10)));
            Assert.IsTrue(saves > 100 && refused < saves, $"{saves} saves, {refused} refused: the generator must reach the steps, not only the platform's validation");
            int steps = RegistrationReader.Read(typeof(AdvocacyPlugin).Assembly).Steps.Count();
            Assert.IsTrue(ran.Distinct().Count() * 2 >= steps, $"only {ran.Distinct().Count()} of {steps} steps ran: {string.Join(", ", ran.Distinct())}");
        }

        /// <summary>A product world with a few rows of each step table to update and point at.</summary>
        private sealed class FuzzWorld
        {
            private readonly AdvocacyWorld _world = new AdvocacyWorld();
            private readonly Dictionary<string, List<Guid>> _rows = new();
            private readonly string[] _tables;

            private readonly List<string> _history = new();
            private readonly List<string> _ran;
            private readonly List<string> _refusals;

            public FuzzWorld(List<string> ran, List<string> refusals)
            {
                _ran = ran;
                _refusals = refusals;
                _tables = StepTables.Value.Where(t => _world.Sandbox.Metadata.Table(t) != null).ToArray();
                var sandbox = _world.Sandbox;
                var user = _world.SeedUser("Lee");
                var advocate = _world.SeedAdvocate("Lee Park", user, new[] { CustomerTier.Strategic, CustomerTier.Key, CustomerTier.Standard });
                Remember("adv_advocate", advocate);
                Remember("account", _world.SeedAccount("Contoso", CustomerTier.Key, advocate));
                Remember("account", _world.SeedAccount("Fabrikam"));
                Remember("systemuser", user);
                Remember("systemuser", _world.AgentUserId);
                var contoso = new EntityReference("account", _rows["account"][0]);
                var caseRow = new Entity("incident", Guid.NewGuid()) { ["title"] = "Late order", ["customerid"] = contoso };
                var seeded = new List<Entity>
                {
                    caseRow,
                    new Entity("adv_inconvenience", Guid.NewGuid())
                    {
                        ["adv_name"] = "Order late", ["adv_accountid"] = contoso, ["adv_kind"] = Choices.Option(InconvenienceKind.LateDelivery),
                        ["adv_promisedon"] = AdvocacyWorld.Now.AddDays(-12), ["adv_resolvedon"] = AdvocacyWorld.Now, ["adv_caseid"] = caseRow.ToEntityReference(),
                    },
                    new Entity("adv_feedback", Guid.NewGuid()) { ["adv_accountid"] = contoso, ["adv_nps"] = 9 },
                    new Entity("task", Guid.NewGuid())
                    {
                        ["subject"] = "Check in", ["regardingobjectid"] = contoso, ["ownerid"] = new EntityReference("systemuser", user),
                        ["adv_kind"] = Choices.Option(AdvocacyTaskKind.ProactiveCheckIn), ["adv_sourcekey"] = "proactive:x",
                    },
                    // Done: it takes nothing but reopening and a new owner.
                    new Entity("task", Guid.NewGuid())
                    {
                        ["subject"] = "Check in (done)", ["regardingobjectid"] = contoso, ["ownerid"] = new EntityReference("systemuser", _world.AgentUserId),
                        ["adv_kind"] = Choices.Option(AdvocacyTaskKind.ProactiveCheckIn), ["adv_sourcekey"] = "proactive:done",
                        ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5),
                    },
                };
                if (sandbox.Metadata.Table("salesorder") != null)
                {
                    seeded.Add(new Entity("salesorder", Guid.NewGuid()) { ["name"] = "Order 4471", ["customerid"] = contoso });
                }

                foreach (var row in seeded)
                {
                    sandbox.Seed(row);
                    Remember(row.LogicalName, row.Id);
                }

                // Holidays on the next working days (a named schedule and a business closure), so every due date the
                // steps count goes through the holiday path too.
                static Entity Holiday(string name, DateTime start) => new("calendarrule") { ["name"] = name, ["starttime"] = start, ["duration"] = 1440 };
                sandbox.Service.Create(new Entity("calendar")
                {
                    ["name"] = "Fuzz holidays", ["type"] = new OptionSetValue(2),
                    ["calendarrules"] = new EntityCollection(new[] { Holiday("Day one", AdvocacyWorld.Now.Date.AddDays(1)), Holiday("Day three", AdvocacyWorld.Now.Date.AddDays(3)) }.ToList()),
                });
                sandbox.Service.Update(new Entity("calendar", sandbox.Regional.BusinessClosureCalendarId)
                {
                    ["calendarrules"] = new EntityCollection(new[] { Holiday("Closed", AdvocacyWorld.Now.Date.AddDays(2)) }.ToList()),
                });
                sandbox.SetEnvironmentVariable("adv_AdvocacySettings", "{ \"followUp\": { \"holidaySchedule\": \"Fuzz holidays\", \"businessClosures\": true } }");

                foreach (var table in _tables.Where(t => !_rows.ContainsKey(t)))
                {
                    try
                    {
                        Remember(table, _world.Agent.Create(new Entity(table)));
                    }
                    catch (SandboxFaultException)
                    {
                        // A table that needs columns (a resolution needs its case) starts empty; creates fill it.
                    }
                }
            }

            public (bool Refused, string? Problem) Apply(Save save)
            {
                var table = _tables[save.Table % _tables.Length];
                var metadata = _world.Sandbox.Metadata.Table(table)!;
                var columns = metadata.Columns.Where(c => !SystemColumns.Contains(c.LogicalName) && c.LogicalName != metadata.PrimaryIdAttribute && c.Type != ColumnType.Image && c.Type != ColumnType.Other).OrderBy(c => c.LogicalName).ToArray();
                var read = StepColumns.Value.TryGetValue(table, out var named) ? columns.Where(c => named.Contains(c.LogicalName)).ToArray() : Array.Empty<ColumnMetadata>();
                var existing = _rows.TryGetValue(table, out var ids) && ids.Count > 0 ? ids[save.Target % ids.Count] : (Guid?)null;
                int kind = !existing.HasValue ? 0 : save.Kind == 3 && table is not ("incident" or "task" or "account") ? 1 : save.Kind;
                if (kind == 3 && table == "account" && ids!.Count < 2)
                {
                    kind = 1; // a merge needs two accounts
                }
                var entity = new Entity(table, kind == 0 ? Guid.Empty : existing!.Value);
                foreach (var (column, value) in save.Values)
                {
                    if (columns.Length == 0) break;
                    // Three in four values go to a column the product's steps read, the rest anywhere.
                    var c = read.Length > 0 && column % 4 != 0 ? read[(column / 4) % read.Length] : columns[column % columns.Length];
                    entity[c.LogicalName] = Value(c, value);
                }

                _history.Add(kind + " " + table + " " + entity.Id + " {" + string.Join(", ", entity.Attributes.Select(a => a.Key + "=" + Show(a.Value))) + "}");
                var before = Snapshot();
                var clock = Stopwatch.StartNew();
                try
                {
                    switch (kind)
                    {
                        case 0: Remember(table, _world.Agent.Create(entity)); break;
                        case 1: _world.Agent.Update(entity); break;
                        case 2: _world.Agent.Delete(table, existing!.Value); _rows[table].Remove(existing.Value); break;
                        default:
                            if (table == "account")
                            {
                                // A merge of another account into this one, with the hostile columns as the merge dialog's choices.
                                var other = ids!.Where(id => id != existing!.Value).ElementAt(save.Target % (ids!.Count - 1));
                                _world.Agent.Execute(new OrganizationRequest("Merge")
                                {
                                    ["Target"] = new EntityReference("account", existing!.Value),
                                    ["SubordinateId"] = other,
                                    ["UpdateContent"] = new Entity("account") { Attributes = entity.Attributes },
                                    ["PerformParentingChecks"] = false,
                                });
                                break;
                            }

                            CloseOrReopen(table, existing!.Value, save.Target);
                            break;
                    }
                }
                catch (SandboxFaultException e)
                {
                    if (e.Message.Contains("Unexpected exception from plug-in", StringComparison.Ordinal))
                    {
                        return (true, "raw exception out of a plug-in: " + Excerpt(e.Message) + History());
                    }

                    // A closed case refuses changes (CaseAlreadyResolved): fine when the user's own save changed the case, a
                    // product bug when the user saved something else and one of our plug-ins wrote the case.
                    if (e.ErrorCode == ErrorCodes.CaseAlreadyResolved && table != "incident" && kind != 3)
                    {
                        return (true, "a plug-in wrote a closed case and failed the user's save: " + Excerpt(e.Message) + " (" + kind + " " + table + "; steps: "
                            + string.Join(", ", _world.Sandbox.Executions.Select(x => x.StepName)) + ")" + History());
                    }

                    // A closed activity (a task, a case's resolution) takes nothing but reopening and a new owner: fine when the
                    // user's own save changed more of one, a product bug when one of our plug-ins added to the save or wrote a
                    // closed task itself.
                    if (e.Message == ClosedActivity && !(metadata.IsActivity && kind != 3 && entity.Attributes.Keys.Any(k => k != "ownerid")))
                    {
                        return (true, "a plug-in wrote a closed task and failed the user's save: " + Excerpt(e.Message) + " (" + kind + " " + table + "; steps: "
                            + string.Join(", ", _world.Sandbox.Executions.Select(x => x.StepName)) + ")" + History());
                    }

                    var missing = RawMissingRecord.Match(e.Message);
                    bool namedByTheUser = missing.Success && (entity.Id == Guid.Parse(missing.Groups[1].Value)
                        || entity.Attributes.Values.OfType<EntityReference>().Any(r => r.Id == Guid.Parse(missing.Groups[1].Value)));
                    if (missing.Success && !namedByTheUser)
                    {
                        return (true, "the platform's raw missing-record fault reached the user: " + Excerpt(e.Message) + " (" + kind + " " + table + "; steps: "
                            + string.Join(", ", _world.Sandbox.Executions.Select(x => x.StepName)) + "; trace: " + string.Join(" | ", _world.Sandbox.Executions.SelectMany(x => x.Traces)) + ")" + History());
                    }

                    if (Snapshot() != before)
                    {
                        return (true, "the failed save left rows changed: " + Excerpt(e.Message) + "\nbefore:\n" + before + "after:\n" + Snapshot() + History());
                    }

                    _refusals.Add(table + " " + kind + ": " + Excerpt(e.Message).Substring(0, Math.Min(120, e.Message.Length)));
                    return (true, Timed(clock) is { } slowRefusal ? slowRefusal + History() : null);
                }
                catch (Exception e)
                {
                    return (true, "not a platform fault: " + e.GetType().FullName + ": " + Excerpt(e.Message) + "\n" + e.StackTrace + History());
                }

                // Cascades may have deleted rows this world remembers.
                foreach (var pair in _rows)
                {
                    if (_world.Sandbox.Metadata.Table(pair.Key) != null)
                    {
                        var present = new HashSet<Guid>(_world.Sandbox.Rows(pair.Key).Select(r => r.Id));
                        pair.Value.RemoveAll(id => !present.Contains(id));
                    }
                }

                var jobs = _world.Sandbox.RunAsyncJobs(throwOnFailure: false);
                _ran.AddRange(_world.Sandbox.Executions.Select(x => x.Step.Name)); _world.Sandbox.ClearExecutions();
                var failed = _world.Sandbox.CompletedAsyncJobs.FirstOrDefault(j => j.Error != null
                    && (j.Error.Contains("Unexpected exception from plug-in", StringComparison.Ordinal) || j.Error.Contains(ClosedActivity, StringComparison.Ordinal)));
                if (failed != null)
                {
                    return (false, "an async job failed with a raw exception: " + Excerpt(failed.Error!) + History());
                }

                return (false, Timed(clock) is { } slow ? slow + History() : null);
            }

            /// <summary>
            /// Closes an open case as the resolve dialog does (CloseIncident), or reopens a closed one; completes an open
            /// task, and reopens a closed one or gives it to another user (the platform takes both): the platform then refuses
            /// other changes to it, so the saves after it meet closed cases and tasks as users' saves do.
            /// </summary>
            private void CloseOrReopen(string table, Guid id, int pick)
            {
                bool open = (_world.Sandbox.Get(table, id).GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0) == 0;
                if (table == "task" && !open && pick % 2 == 0)
                {
                    var users = _rows["systemuser"];
                    _world.Agent.Execute(new OrganizationRequest("Assign")
                    {
                        ["Target"] = new EntityReference("task", id), ["Assignee"] = new EntityReference("systemuser", users[pick / 2 % users.Count]),
                    });
                    return;
                }
                if (table == "task")
                {
                    _world.Agent.Update(new Entity("task", id) { ["statecode"] = new OptionSetValue(open ? 1 : 0), ["statuscode"] = new OptionSetValue(open ? 5 : 2) });
                    return;
                }

                var caseId = id;
                if (open)
                {
                    _world.Agent.Execute(new OrganizationRequest("CloseIncident")
                    {
                        ["IncidentResolution"] = new Entity("incidentresolution") { ["subject"] = "Closed by the fuzz", ["incidentid"] = new EntityReference("incident", caseId) },
                        ["Status"] = new OptionSetValue(5),
                    });
                }
                else
                {
                    _world.Agent.Update(new Entity("incident", caseId) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(1) });
                }
            }

            private static string? Timed(Stopwatch clock) => clock.Elapsed > HangGuard ? "took " + clock.Elapsed : null;

            /// <summary>The saves this world made, in order: with them a failure can be replayed by hand (the sequences are random each run).</summary>
            private string History() => "\nhistory of this world's saves:\n" + string.Join("\n", _history);

            private object? Value(ColumnMetadata column, int pick)
            {
                int n = pick % 10;
                if (n == 9) return null;
                switch (column.Type)
                {
                    case ColumnType.String:
                        return new[] { "", "x", "\ud800 lone", "\u001b[31mred\u0007", new string('w', 4000), "'; drop table account; --", "checkin:" + Guid.NewGuid(), "💥", "  " }[n];
                    case ColumnType.Integer:
                        return new[] { int.MinValue, -1, 0, 1, 4, 10, 100, 101, int.MaxValue }[n];
                    case ColumnType.BigInt:
                        return new[] { long.MinValue, -1L, 0L, 1L, 10L, 100L, 101L, long.MaxValue, 5L }[n];
                    case ColumnType.Decimal:
                        return new[] { -1e20m, -1m, 0m, 0.5m, 1m, 48000m, 1e12m, 79228162514264337593543950335m, 922337203685477m }[n];
                    case ColumnType.Double:
                        return new[] { -1e300, -1.0, 0.0, 0.5, 1.0, 1e300, double.NaN, double.PositiveInfinity, 48000.0 }[n];
                    case ColumnType.Money:
                        return new Money(new[] { -922337203685477m, -1m, 0m, 0.01m, 100m, 48000m, 1e9m, 922337203685477m, 922337203685478m }[n]);
                    case ColumnType.Boolean:
                        return n % 2 == 0;
                    case ColumnType.DateTime:
                        var now = AdvocacyWorld.Now;
                        return new[]
                        {
                            new DateTime(1753, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc), now.AddDays(-400), now.AddDays(-12),
                            now, now.AddDays(3), new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(9999, 12, 1, 0, 0, 0, DateTimeKind.Utc),
                            new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc),
                        }[n];
                    case ColumnType.Lookup:
                        var targets = column.Targets.Count == 0 ? new[] { "account" } : column.Targets.ToArray();
                        var table = targets[pick % targets.Length];
                        if (n < 6 && _rows.TryGetValue(table, out var ids) && ids.Count > 0) return new EntityReference(table, ids[pick % ids.Count]);
                        if (n < 8) return new EntityReference(table, Guid.NewGuid());
                        return new EntityReference(table == "contact" ? "account" : "contact", Guid.NewGuid());
                    case ColumnType.Choice:
                        var options = column.Options.Keys.OrderBy(k => k).ToArray();
                        if (n < 6 && options.Length > 0) return new OptionSetValue(options[pick % options.Length]);
                        return new OptionSetValue(new[] { -1, 0, 99, int.MaxValue }[n % 4]);
                    case ColumnType.MultiChoice:
                        var choices = column.Options.Keys.OrderBy(k => k).ToArray();
                        var picked = new OptionSetValueCollection();
                        foreach (var value in choices.Where((_, i) => ((pick >> i) & 1) == 1)) picked.Add(new OptionSetValue(value));
                        if (n == 8) picked.Add(new OptionSetValue(7));
                        return picked;
                    case ColumnType.UniqueIdentifier:
                        return n == 0 ? Guid.Empty : Guid.NewGuid();
                    default:
                        return null;
                }
            }

            private void Remember(string table, Guid id)
            {
                if (!_rows.TryGetValue(table, out var ids)) _rows[table] = ids = new List<Guid>();
                ids.Add(id);
            }

            /// <summary>Every committed row of every table, as text: equal before and after a failed save.</summary>
            private string Snapshot()
            {
                var text = new StringBuilder();
                foreach (var table in _world.Sandbox.Metadata.Tables.Select(t => t.LogicalName).OrderBy(t => t, StringComparer.Ordinal))
                {
                    foreach (var row in _world.Sandbox.Rows(table).OrderBy(r => r.Id))
                    {
                        text.Append(table).Append(' ').Append(row.Id);
                        foreach (var pair in row.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
                        {
                            text.Append(' ').Append(pair.Key).Append('=').Append(Show(pair.Value));
                        }

                        text.Append('\n');
                    }
                }

                return text.ToString();
            }

            private static string Show(object? value) => value switch
            {
                null => "null",
                EntityReference r => r.LogicalName + ":" + r.Id,
                OptionSetValue o => o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Money m => m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                OptionSetValueCollection c => string.Join("|", c.Select(o => o.Value)),
                DateTime d => d.ToString("O"),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };

            private static string Excerpt(string message) => message.Length <= 400 ? message : message.Substring(0, 400) + "…";
        }
    }
}
