using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Advocacy.Sandbox;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Scenarios.Activities
{
    /// <summary>Small read helpers for the activity scenarios (committed rows only).</summary>
    internal static class ActivityWorldExtensions
    {
        public static Entity Account(this AdvocacyWorld world, Guid accountId) => world.Sandbox.Get("account", accountId);

        public static Guid? AdvocateOf(this AdvocacyWorld world, Guid accountId) =>
            world.Account(accountId).GetAttributeValue<EntityReference>("adv_advocateid")?.Id;

        public static int LoadOf(this AdvocacyWorld world, Guid advocateId) =>
            world.Sandbox.Get("adv_advocate", advocateId).GetAttributeValue<int?>("adv_accountcount") ?? 0;

        public static Entity[] TasksRegarding(this AdvocacyWorld world, AdvocacyTaskKind kind, Guid regardingId) =>
            world.Tasks(kind).Where(t => t.GetAttributeValue<EntityReference>("regardingobjectid")?.Id == regardingId).ToArray();

        public static Guid OwnerOf(this Entity row) => row.GetAttributeValue<EntityReference>("ownerid").Id;

        /// <summary>The due date as a user on UTC sees it (the task is stored at noon of it in the owner's zone).</summary>
        public static DateTime Due(this Entity task) => task.GetAttributeValue<DateTime>("scheduledend").Date;

        public static int Value(AdvocacyTaskKind kind) => Choices.Option(kind).Value;

        public static DateTime Utc(int year, int month, int day) => new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);

        public static Dictionary<string, object> Inputs(params (string Name, object? Value)[] values)
        {
            var inputs = new Dictionary<string, object>();
            foreach (var (name, value) in values)
            {
                inputs[name] = value!;
            }

            return inputs;
        }
    }
}
