using System;
using Advocacy.Plugins.Domain;
using Advocacy.Plugins.Domain.FollowUp;

namespace Advocacy.Plugins.Data
{
    /// <summary>
    /// The proactive sweep's two queries, built with <see cref="FetchXml"/>: <see cref="ProactiveSweepPlan.IsDue"/>
    /// in FetchXML (a test holds the two together row by row). Due: active, and the next proactive contact is before the day after
    /// <see cref="ProactiveSweepPlan.DueOnOrBefore"/>, or there is none yet while the account has a tier or an
    /// advocate; and no open proactive check-in regards the account.
    /// </summary>
    public static class ProactiveSweepQueries
    {
        /// <summary>One page of due accounts, ordered by id, with their advocate and their owner's user and manager (outer joins).</summary>
        public static string DueAccountsFetch(ProactiveSweepPlan plan, SweepContinuation position, int pageSize)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (position == null) throw new ArgumentNullException(nameof(position));
            var fetch = FetchXml.For("account")
                .Page(pageSize, position.PageNumber, position.PagingCookie)
                .Attributes("accountid", "name", "ownerid", "adv_tier", "adv_cadencedays", "adv_nextproactivecontact", "adv_advocateid")
                .OrderBy("accountid")
                .Filter(f => DueFilter(f, plan, position.AsOf))
                .Link("adv_advocate", "adv_advocateid", "adv_advocateid", FetchLinkType.Outer, "adv", advocate => advocate
                    .Attributes("adv_userid", "adv_name", "statecode"))
                .Link("task", "regardingobjectid", "accountid", FetchLinkType.NotAny, build: OpenCheckIn);
            AccountOwnerUser.Link(fetch);
            return fetch.ToString();
        }

        /// <summary>How many accounts are due as of <paramref name="asOf"/> (alias "due").</summary>
        public static string DueAccountsCountFetch(ProactiveSweepPlan plan, DateTime asOf)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            return FetchXml.For("account").Aggregate()
                .Aggregate(FetchAggregate.Count, "accountid", "due")
                .Filter(f => DueFilter(f, plan, asOf))
                .Link("task", "regardingobjectid", "accountid", FetchLinkType.NotAny, build: OpenCheckIn)
                .ToString();
        }

        private static void DueFilter(FetchFilter filter, ProactiveSweepPlan plan, DateTime asOf)
        {
            DateTime before = PlatformDates.AddDays(plan.DueOnOrBefore(asOf), 1);
            filter
                .Equal("statecode", 0)
                .Or(due => due
                    .LessThan("adv_nextproactivecontact", Date(before))
                    .And(none => none
                        .Null("adv_nextproactivecontact")
                        .Or(covered => covered.NotNull("adv_tier").NotNull("adv_advocateid"))));
        }

        private static void OpenCheckIn(FetchLink task) => task
            .Filter(f => f
                .Equal("adv_kind", Choices.Option(AdvocacyTaskKind.ProactiveCheckIn))
                .Equal("statecode", 0));

        private static string Date(DateTime day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}
