using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.Choices;
using Advocacy.Plugins.Plugins;
using Advocacy.Sandbox;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Cli.Commands
{
    /// <summary>
    /// <c>advocacy demo</c>: the product's seed stories, run through the real plug-ins in the in-memory
    /// Dataverse, printed as an agent and a manager would see them. Nothing leaves this machine.
    /// </summary>
    internal static class DemoCommand
    {
        private static readonly DateTime Now = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);

        /// <summary>A company holiday the day after the detractor's answer (the organization is on UTC here).</summary>
        private static readonly DateTime Offsite = new DateTime(2026, 4, 10, 0, 0, 0, DateTimeKind.Utc);

        public static Command Create()
        {
            var solution = new Option<DirectoryInfo>("--solution") { Description = "The unpacked solution folder (default: found above the current directory)." };
            var report = new Option<FileInfo>("--report-json") { Description = "Also write the management report JSON to this file (render it with `advocacy report`)." };
            var command = new Command("demo", "Run the seed stories through the real plug-ins in the in-memory Dataverse.") { solution, report };
            command.SetAction(result =>
            {
                var folder = result.GetValue(solution)?.FullName
                    ?? DataverseSandbox.FindSolutionFolder(Directory.GetCurrentDirectory())
                    ?? DataverseSandbox.FindSolutionFolder();
                if (folder == null)
                {
                    throw new InvalidDataException("no solution/ folder found; pass --solution <folder>.");
                }

                // Checked before the run, so an unwritable path costs one line, not a whole demo and then a crash.
                var file = result.GetValue(report);
                if (file != null)
                {
                    CheckWritable(file.FullName);
                }

                var output = result.InvocationConfiguration.Output;
                var json = Run(folder, output);
                if (file != null)
                {
                    File.WriteAllText(file.FullName, json);
                    output.WriteLine("Report JSON written to " + file.FullName);
                }

                return 0;
            });
            return command;
        }

        /// <summary>Refuses, with one clear message, a report path that cannot be written; leaves no file behind.</summary>
        internal static void CheckWritable(string path)
        {
            if (Directory.Exists(path))
            {
                throw new IOException("cannot write the report JSON to " + path + ": it is a folder.");
            }

            var folder = Path.GetDirectoryName(path);
            if (folder == null || !Directory.Exists(folder))
            {
                throw new IOException("cannot write the report JSON to " + path + ": the folder " + folder + " does not exist.");
            }

            try
            {
                if (File.Exists(path))
                {
                    using (new FileStream(path, FileMode.Open, FileAccess.Write))
                    {
                    }
                }
                else
                {
                    using (new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                    {
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException("cannot write the report JSON to " + path + ": " + e.Message, e);
            }
        }

        /// <summary>Runs the stories and returns the management report's JSON.</summary>
        public static string Run(string solutionFolder, TextWriter output)
        {
            var sandbox = new DataverseSandbox(SandboxMetadata.FromSolutions(DataverseSandbox.WithExtensions(solutionFolder)));
            sandbox.Clock.UtcNow = Now;
            sandbox.RegisterPluginAssembly(typeof(AdvocacyPlugin).Assembly);
            var manager = sandbox.SeedUser("Morgan Manager");
            var agentId = sandbox.SeedUser("Alex Agent", manager);
            var agent = sandbox.CreateService(agentId);
            var dana = sandbox.SeedUser("Dana Ruiz", manager);
            var lee = sandbox.SeedUser("Lee Park", manager);
            output.WriteLine("Customer Advocacy demo — in-memory Dataverse, clock " + Day(Now) + Now.ToString(" HH:mm 'UTC'", CultureInfo.InvariantCulture));
            sandbox.Run(new OrganizationRequest("adv_RecountAdvocateLoad"));

            // The company's holiday schedule, named in the settings: due dates skip its holidays (README, Holidays).
            sandbox.Service.Create(new Entity("calendar")
            {
                ["name"] = "Company holidays",
                ["type"] = new OptionSetValue(2),
                ["calendarrules"] = new EntityCollection(new[]
                {
                    new Entity("calendarrule") { ["name"] = "Company offsite", ["starttime"] = Offsite, ["duration"] = 1440, ["timecode"] = 2, ["subcode"] = 5 },
                }.ToList()) { EntityName = "calendarrule" },
            });
            sandbox.SetEnvironmentVariable("adv_AdvocacySettings", "{ \"followUp\": { \"holidaySchedule\": \"Company holidays\" } }");

            Advocate(sandbox, "Dana Ruiz", dana, Specialty.Billing, 1);
            Advocate(sandbox, "Lee Park", lee, Specialty.Logistics, 3);

            output.WriteLine();
            output.WriteLine("1. Contoso Pharmaceuticals (strategic) was a customer before Customer Advocacy was installed:");
            output.WriteLine("   it has a tier, but nobody advocates it yet. Two advocates cover strategic accounts:");
            output.WriteLine("   Dana Ruiz (billing, 1 of 20 accounts) and Lee Park (logistics, 3 of 20).");
            var contoso = Guid.NewGuid();
            sandbox.Seed(new Entity("account", contoso)
            {
                ["name"] = "Contoso Pharmaceuticals",
                ["adv_tier"] = Choices.Option(CustomerTier.Strategic),
                ["ownerid"] = new EntityReference("systemuser", agentId),
            });
            PrintAccount(sandbox, contoso, output);

            output.WriteLine();
            output.WriteLine("2. Its business-critical $48,000 order arrives 12 days late (two other issues this quarter).");
            for (var i = 1; i <= 2; i++)
            {
                sandbox.Seed(new Entity("adv_inconvenience", Guid.NewGuid())
                {
                    ["adv_name"] = "Earlier issue " + i,
                    ["adv_accountid"] = new EntityReference("account", contoso),
                    ["adv_impactscore"] = 20,
                    ["createdon"] = Now.AddDays(-15 * i),
                });
            }

            var inconvenience = agent.Create(new Entity("adv_inconvenience")
            {
                ["adv_name"] = "Order 4471 delivered late",
                ["adv_accountid"] = new EntityReference("account", contoso),
                ["adv_kind"] = Choices.Option(InconvenienceKind.LateDelivery),
                ["adv_promisedon"] = Now.AddDays(-12),
                ["adv_resolvedon"] = Now,
                ["adv_ordervalue"] = new Money(48000m),
                ["adv_businesscritical"] = true,
            });
            var scored = sandbox.Get("adv_inconvenience", inconvenience);
            output.WriteLine("   " + scored.GetAttributeValue<string>("adv_impactexplanation"));
            output.WriteLine("   A severe score on an account nobody advocates assigns one now, and a late delivery needs the");
            output.WriteLine("   logistics specialist: Lee Park, although Dana Ruiz has fewer accounts. Lee gets the introduction");
            output.WriteLine("   and the impact review.");
            PrintAccount(sandbox, contoso, output);
            PrintTasks(sandbox, output);

            output.WriteLine();
            output.WriteLine("3. 30 days later the proactive sweep raises Lee's check-in; Lee calls, and the customer answers");
            output.WriteLine("   NPS 3, CSAT 2: a detractor, so Lee gets a recovery task and Lee's manager an escalation, due the");
            output.WriteLine("   next business day: not " + Day(Offsite) + ", the company offsite in the \"Company holidays\" schedule the");
            output.WriteLine("   settings name, but the Monday after.");
            sandbox.Clock.UtcNow = Now.AddDays(30);
            var sweep = sandbox.Run(new OrganizationRequest("adv_RunProactiveSweep"));
            output.WriteLine("   Sweep: " + sweep.Results["Summary"]);
            var checkIn = sandbox.Rows("task").First(t => Choices.TaskKind(t.GetAttributeValue<OptionSetValue>("adv_kind")) == AdvocacyTaskKind.ProactiveCheckIn);
            sandbox.CreateService(lee).Update(new Entity("task", checkIn.Id) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(5), ["actualend"] = sandbox.Clock.UtcNow });
            agent.Create(new Entity("adv_feedback")
            {
                ["adv_name"] = "Check-in answer",
                ["adv_accountid"] = new EntityReference("account", contoso),
                ["adv_nps"] = 3,
                ["adv_csat"] = 2,
                ["adv_comments"] = "Two late deliveries in a row; we are looking at other suppliers.",
                ["adv_taskid"] = new EntityReference("task", checkIn.Id),
                ["adv_receivedon"] = sandbox.Clock.UtcNow,
            });
            PrintAccount(sandbox, contoso, output);
            PrintTasks(sandbox, output);

            output.WriteLine();
            output.WriteLine("4. Management report (adv_GetAdvocacyReport):");
            var report = (string)sandbox.Run(new OrganizationRequest("adv_GetAdvocacyReport"), manager).Results["ReportJson"];
            ReportRenderer.Render(report, output);
            return report;
        }

        private static void Advocate(DataverseSandbox sandbox, string name, Guid userId, Specialty specialty, int load)
        {
            var advocate = new Entity("adv_advocate", Guid.NewGuid())
            {
                ["adv_name"] = name,
                ["adv_userid"] = new EntityReference("systemuser", userId),
                ["adv_capacity"] = 20,
                ["adv_accountcount"] = load,
                ["adv_tiers"] = new OptionSetValueCollection { Choices.Option(CustomerTier.Strategic), Choices.Option(CustomerTier.Key) },
                ["adv_specialties"] = new OptionSetValueCollection { Choices.Option(specialty) },
            };
            sandbox.Seed(advocate);
        }

        private static void PrintAccount(DataverseSandbox sandbox, Guid accountId, TextWriter output)
        {
            var account = sandbox.Get("account", accountId);
            var advocate = account.GetAttributeValue<EntityReference>("adv_advocateid");
            output.WriteLine("   Account: advocate " + (advocate == null ? "none" : sandbox.Get("adv_advocate", advocate.Id).GetAttributeValue<string>("adv_name"))
                + ", inconvenience index " + (account.GetAttributeValue<int?>("adv_inconvenienceindex")?.ToString(CultureInfo.InvariantCulture) ?? "-")
                + ", loyalty risk " + RiskLabel(account.GetAttributeValue<OptionSetValue>("adv_loyaltyrisk"))
                + ", last NPS " + (account.GetAttributeValue<int?>("adv_lastnps")?.ToString(CultureInfo.InvariantCulture) ?? "-")
                + ", next proactive contact " + (account.GetAttributeValue<DateTime?>("adv_nextproactivecontact") is DateTime next ? Day(next) : "-"));
        }

        private static void PrintTasks(DataverseSandbox sandbox, TextWriter output)
        {
            foreach (var task in sandbox.Rows("task").Where(t => t.Contains("adv_kind")).OrderBy(t => t.GetAttributeValue<DateTime>("createdon")))
            {
                var owner = task.GetAttributeValue<EntityReference>("ownerid");
                var ownerName = sandbox.Row("systemuser", owner.Id)?.GetAttributeValue<string>("fullname") ?? owner.Id.ToString();
                var open = task.GetAttributeValue<OptionSetValue>("statecode")?.Value == 0 ? "open" : "done";
                output.WriteLine("   Task [" + open + "] " + task.GetAttributeValue<string>("subject") + " → " + ownerName
                    + ", due " + Day(task.GetAttributeValue<DateTime>("scheduledend")));
            }
        }

        /// <summary>The demo's one date format: "Thu 9 Apr 2026".</summary>
        private static string Day(DateTime date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

        private static string RiskLabel(OptionSetValue? value) =>
            value == null ? "-" : AdvocacyChoices.LoyaltyRisks.Find(value.Value)?.Label.ToLowerInvariant() ?? value.Value.ToString(CultureInfo.InvariantCulture);
    }
}
