using System;
using System.Globalization;
using System.Text;

namespace Advocacy.Plugins.Domain.FollowUp
{
    /// <summary>A continuation token that cannot be read. The message tells the caller what to do.</summary>
    public sealed class SweepContinuationException : Exception
    {
        public static readonly string UserMessage = Words.Language.English.Format(Words.TextKey.ErrorContinuation);

        public SweepContinuationException(string detail)
            : base(UserMessage + " (" + detail + ")")
        {
            Detail = detail;
        }

        /// <summary>What exactly was wrong, for the trace.</summary>
        public string Detail { get; }
    }

    /// <summary>
    /// Where a proactive sweep stopped, handed to the caller (a scheduled flow) as an opaque string so the next
    /// call carries on from there. It holds the FetchXML page number and paging cookie, how many tasks the
    /// sweep created so far (for the final report), and the sweep's "as of" date: keeping that date fixed for
    /// the whole sweep keeps the due-account query — and therefore its pages — the same from call to call.
    /// <para>
    /// Format (version 1): base64 of UTF-8 "adv-sweep/1\n{page}\n{created}\n{yyyyMMdd}\n{cookie}"; the cookie is
    /// the rest of the text verbatim. Base64 because the paging cookie is XML, which flows and Custom API
    /// parameters mangle; versioned so a later format can still reject, or read, an old token.
    /// </para>
    /// </summary>
    public sealed class SweepContinuation
    {
        private const string Header = "adv-sweep/1";

        /// <summary>Generous for a paging cookie; anything longer is not a token this product made.</summary>
        public const int MaxTokenLength = 16384;

        /// <summary>
        /// Highest page a token may name: a million pages of thousands of accounts is beyond any organization, and the
        /// sweep adds 1 to it, so near int.MaxValue it would overflow. A higher page is not a token this product made.
        /// </summary>
        public const int MaxPageNumber = 1_000_000;

        /// <summary>Highest created count a token may carry; the sweep adds each page's tasks to it without overflow.</summary>
        public const int MaxCreated = 1_000_000_000;

        /// <summary>
        /// Latest sweep date a token may carry: the sweep adds up to 3,650 days (the longest window or cadence a
        /// setting allows) and more to it, which must stay before 9999-12-31. A real token carries the day its sweep started.
        /// </summary>
        public static readonly DateTime MaxAsOf = new DateTime(9979, 12, 31, 0, 0, 0, DateTimeKind.Utc);

        public SweepContinuation(int pageNumber, string? pagingCookie, int createdSoFar, DateTime asOf)
        {
            if (pageNumber < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(pageNumber), pageNumber, "Pages are numbered from 1.");
            }

            if (createdSoFar < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(createdSoFar), createdSoFar, "A count cannot be negative.");
            }

            PageNumber = pageNumber;
            PagingCookie = pagingCookie ?? string.Empty;
            CreatedSoFar = createdSoFar;
            AsOf = DateTime.SpecifyKind(asOf.Date, DateTimeKind.Utc);
        }

        /// <summary>The first page of a new sweep as of <paramref name="today"/>.</summary>
        public static SweepContinuation Start(DateTime today) => new SweepContinuation(1, null, 0, today);

        /// <summary>FetchXML page to read next (1-based).</summary>
        public int PageNumber { get; }

        /// <summary>The paging cookie returned with the previous page; empty on the first page.</summary>
        public string PagingCookie { get; }

        public int CreatedSoFar { get; }

        /// <summary>The date the sweep evaluates "due" against (UTC date).</summary>
        public DateTime AsOf { get; }

        /// <summary>The position after a page was read and <paramref name="createdOnPage"/> tasks created.</summary>
        public SweepContinuation NextPage(string? pagingCookie, int createdOnPage) =>
            new SweepContinuation(PageNumber + 1, pagingCookie, CreatedSoFar + Math.Max(0, createdOnPage), AsOf);

        /// <summary>How many days a sweep may run on: one, so a sweep started before midnight can finish after it.</summary>
        public const int MaxAgeDays = 1;

        /// <summary>
        /// Refuses a token whose sweep date does not fit the server's clock (issue 13): the date comes from the server's
        /// "today" when the sweep starts, so a date after today was never made by the sweep (a 2100 date made every
        /// account look due), and one more than <see cref="MaxAgeDays"/> before it belongs to a stale or forged sweep
        /// (year 1 made no account due, and the sweep reported itself complete).
        /// </summary>
        /// <exception cref="SweepContinuationException">The date is outside [today − 1 day, today].</exception>
        public void EnsureCurrent(DateTime today)
        {
            var day = today.Date;
            if (AsOf > day)
            {
                throw new SweepContinuationException("its sweep date " + D(AsOf) + " is after today (" + D(day) + ")");
            }

            if (AsOf < day.AddDays(-MaxAgeDays))
            {
                throw new SweepContinuationException("its sweep started on " + D(AsOf) + ", more than " + MaxAgeDays.ToString(CultureInfo.InvariantCulture) + " day before today (" + D(day) + ")");
            }
        }

        /// <summary>
        /// The same sweep from the first page of its query. A caller's paging cookie is never followed: it is the
        /// caller's text, and a forged one (a position past every account) would skip every due account. Nothing is
        /// lost by starting over: each account the sweep handled now has an open check-in and no longer matches the
        /// query, so its first page starts where the cookie pointed — or earlier, if an account became due meanwhile.
        /// </summary>
        public SweepContinuation FromFirstPage() => new SweepContinuation(1, null, CreatedSoFar, AsOf);

        private static string D(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public string Encode()
        {
            string text = Header + "\n"
                + PageNumber.ToString(CultureInfo.InvariantCulture) + "\n"
                + CreatedSoFar.ToString(CultureInfo.InvariantCulture) + "\n"
                + AsOf.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "\n"
                + PagingCookie;
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }

        /// <summary>Null or blank → null: no token means "start a new sweep". Anything unreadable throws
        /// <see cref="SweepContinuationException"/>.</summary>
        public static SweepContinuation? Decode(string? token)
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                return null;
            }

            string trimmed = token!.Trim();
            if (trimmed.Length > MaxTokenLength)
            {
                throw new SweepContinuationException("it is longer than " + MaxTokenLength.ToString(CultureInfo.InvariantCulture) + " characters");
            }

            string text;
            try
            {
                text = new UTF8Encoding(
                    // Stryker disable once Boolean : equivalent, whether a BOM would be emitted only matters when encoding; this instance only decodes
                    false,
                    true).GetString(Convert.FromBase64String(trimmed));
            }
            catch (FormatException)
            {
                throw new SweepContinuationException("it is not base64");
            }
            catch (ArgumentException)
            {
                throw new SweepContinuationException("it is not UTF-8 text");
            }

            string[] parts = text.Split(new[] { '\n' }, 5);
            if (parts[0] != Header)
            {
                throw new SweepContinuationException(parts[0].StartsWith("adv-sweep/", StringComparison.Ordinal)
                    ? "version " + parts[0].Substring("adv-sweep/".Length) + " is not supported"
                    : "it was not made by adv_RunProactiveSweep");
            }

            if (parts.Length != 5)
            {
                throw new SweepContinuationException("it is incomplete");
            }

            if (!TryParseCount(parts[1], out int page) || page < 1)
            {
                throw new SweepContinuationException("the page number is not a positive whole number");
            }

            if (page > MaxPageNumber)
            {
                throw new SweepContinuationException("the page number is above " + MaxPageNumber.ToString(CultureInfo.InvariantCulture));
            }

            if (!TryParseCount(parts[2], out int created))
            {
                throw new SweepContinuationException("the created count is not a whole number");
            }

            if (created > MaxCreated)
            {
                throw new SweepContinuationException("the created count is above " + MaxCreated.ToString(CultureInfo.InvariantCulture));
            }

            if (!DateTime.TryParseExact(parts[3], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime asOf))
            {
                throw new SweepContinuationException("the sweep date is not a date");
            }

            if (asOf > MaxAsOf)
            {
                throw new SweepContinuationException("the sweep date is after " + MaxAsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            return new SweepContinuation(page, parts[4], created, asOf);
        }

        private static bool TryParseCount(string text, out int value) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

        public override string ToString() =>
            "page " + PageNumber.ToString(CultureInfo.InvariantCulture) + ", " + CreatedSoFar.ToString(CultureInfo.InvariantCulture) + " created, as of " + AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
