using System;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    /// <summary>The fixed ids the task planner tests share: readable in a failing assertion, the same in every file.</summary>
    internal static class PlannerIds
    {
        public static readonly Guid AccountId = new Guid("11111111-1111-1111-1111-111111111111");
        public static readonly Guid OwnerId = new Guid("22222222-2222-2222-2222-222222222222");
        public static readonly Guid AdvocateId = new Guid("33333333-3333-3333-3333-333333333333");
        public static readonly Guid AdvocateUser = new Guid("44444444-4444-4444-4444-444444444444");
        public static readonly Guid BackupUser = new Guid("55555555-5555-5555-5555-555555555555");
        public static readonly Guid ManagerUser = new Guid("66666666-6666-6666-6666-666666666666");
        public static readonly Guid CaseId = new Guid("77777777-7777-7777-7777-777777777777");
        public static readonly Guid SourceId = new Guid("88888888-8888-8888-8888-888888888888");
    }
}
