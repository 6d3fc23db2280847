using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Advocacy.Sandbox;

namespace Advocacy.Sandbox.Regional
{
    /// <summary>
    /// Time zones, languages and currencies as Dataverse keeps them (issue 12): a <c>usersettings</c> row per user
    /// (created with the user from the organization's defaults, as the platform does), <c>timezonedefinition</c> rows
    /// (<see cref="TimeZoneCatalog"/>), currencies with the organization's base currency, the
    /// <c>LocalTimeFromUtcTime</c> / <c>UtcTimeFromLocalTime</c> messages, and what a write does to dates (by the column's
    /// behaviour) and to money (currency default, exchange rate, <c>_base</c> columns).
    /// </summary>
    public sealed class SandboxRegional
    {
        /// <summary>US English: the language and locale of a new organization created in the United States.</summary>
        public const int English = 1033;

        private readonly DataverseSandbox _sandbox;

        internal SandboxRegional(DataverseSandbox sandbox) => _sandbox = sandbox;

        /// <summary>
        /// The zone a user gets when created and the fallback for a user whose settings name no known zone. A new
        /// environment takes it from its region; the sandbox's organization is on UTC so that tests written before
        /// time zones existed keep their meaning.
        /// </summary>
        public int DefaultTimeZoneCode { get; set; } = TimeZoneCatalog.Utc;

        public int DefaultLanguageId { get; set; } = English;

        public int DefaultLocaleId { get; set; } = English;

        /// <summary>The organization's base currency (organization.basecurrencyid): US dollar, rate 1, precision 2.</summary>
        public Guid BaseCurrencyId { get; } = new("0a0a0a0a-0000-4000-8000-000000000010");

        /// <summary>
        /// The organization's business closure calendar (organization.businessclosurecalendarid), which every environment has:
        /// its rules are the organization's Business Closures. Seeded empty; a test adds closures by updating its
        /// <c>calendarrules</c>, as Settings → Business Closures does.
        /// </summary>
        public Guid BusinessClosureCalendarId { get; } = new("0a0a0a0a-0000-4000-8000-000000000011");

        internal void SeedOrganization(Guid organizationId, string name)
        {
            var usd = Currency(BaseCurrencyId, "USD", "$", 2, 1m, "US Dollar");
            // Named as public code that looks the calendar up by name expects; its calendar type is not published, so none is set.
            var closures = new Entity("calendar", BusinessClosureCalendarId) { ["name"] = "Business Closure Calendar" };
            var org = new Entity("organization", organizationId)
            {
                ["name"] = name,
                ["basecurrencyid"] = new EntityReference("transactioncurrency", BaseCurrencyId),
                ["basecurrencysymbol"] = "$",
                ["languagecode"] = DefaultLanguageId,
                ["localeid"] = DefaultLocaleId,
                ["pricingdecimalprecision"] = 2,
                ["businessclosurecalendarid"] = BusinessClosureCalendarId,
            };
            var zones = TimeZoneCatalog.All.Select(z => new Entity("timezonedefinition", ZoneRowId(z.Code))
            {
                ["timezonecode"] = z.Code,
                ["standardname"] = z.StandardName,
                ["userinterfacename"] = z.UserInterfaceName,
                ["bias"] = z.Bias,
            });
            _sandbox.Insert(new[] { usd, closures, org }.Concat(zones), _sandbox.SystemUserId, keepAuditColumns: false);
        }

        /// <summary>Adds an active currency (e.g. "EUR", "€", 2, 0.92 — units of it per unit of the base currency) and returns its id.</summary>
        public Guid AddCurrency(string isoCode, string symbol, int precision, decimal? exchangeRate, string? name = null)
        {
            var row = Currency(Guid.NewGuid(), isoCode, symbol, precision, exchangeRate, name ?? isoCode);
            _sandbox.Insert(new[] { row }, _sandbox.SystemUserId, keepAuditColumns: false);
            return row.Id;
        }

        /// <summary>Sets a user's zone, language, locale or default currency (test set-up; no pipeline, no round trip).</summary>
        public void SetUserSettings(Guid userId, int? timeZoneCode = null, int? uiLanguageId = null, int? localeId = null, Guid? currencyId = null)
        {
            _sandbox.WriteDirect("usersettings", userId, row =>
            {
                if (timeZoneCode != null) row["timezonecode"] = timeZoneCode.Value;
                if (uiLanguageId != null) row["uilanguageid"] = uiLanguageId.Value;
                if (localeId != null) row["localeid"] = localeId.Value;
                if (currencyId != null) row["transactioncurrencyid"] = new EntityReference("transactioncurrency", currencyId.Value);
            });
        }

        /// <summary>Removes a user's settings row (to test the fallback to the organization's defaults).</summary>
        public void RemoveUserSettings(Guid userId) => _sandbox.WriteDirect("usersettings", userId, null);

        /// <summary>The zone rules a user's dates are shown in: their settings' zone, else the organization's default.</summary>
        public TimeZoneInfo ZoneOf(Guid userId) => ZoneOf(null, userId);

        internal TimeZoneInfo ZoneOf(Transaction? tx, Guid userId)
        {
            int? code = _sandbox.Store.ReadValue(tx, "usersettings", userId, "timezonecode") as int?;
            return ZoneByCode(tx, code ?? DefaultTimeZoneCode) ?? ZoneByCode(tx, DefaultTimeZoneCode) ?? TimeZoneInfo.Utc;
        }

        private TimeZoneInfo? ZoneByCode(Transaction? tx, int code)
        {
            // Read column by column (every query asks for its user's zone): no Entity per definition row.
            string? name = null;
            foreach (var zone in _sandbox.Store.ScanRows(tx, "timezonedefinition"))
            {
                if (RowStore.ValueOf(zone, "timezonecode") as int? == code)
                {
                    name = RowStore.ValueOf(zone, "standardname") as string;
                    break;
                }
            }
            if (name == null) return null;
            try
            {
                return TimeZoneCatalog.Rules(name);
            }
            catch (TimeZoneNotFoundException)
            {
                return null;
            }
        }

        /// <summary>The platform creates a user's settings with the user, from the organization's defaults.</summary>
        internal Entity NewUserSettings(IRowColumns user) => new("usersettings", user.Id)
        {
            ["systemuserid"] = user.Id,
            ["timezonecode"] = DefaultTimeZoneCode,
            ["uilanguageid"] = DefaultLanguageId,
            ["helplanguageid"] = DefaultLanguageId,
            ["localeid"] = DefaultLocaleId,
            ["businessunitid"] = user.Get<EntityReference>("businessunitid") ?? new EntityReference("businessunit", _sandbox.BusinessUnitId),
            ["createdon"] = user.Get<DateTime?>("createdon") ?? _sandbox.Clock.UtcNow,
            ["modifiedon"] = user.Get<DateTime?>("modifiedon") ?? _sandbox.Clock.UtcNow,
        };

        /// <summary>
        /// What the platform does to a row being written, before it is stored: date-only columns lose the time of day and
        /// user-local values are kept in UTC ("Behavior and format of the date and time column", Microsoft Learn); a row
        /// of a table with a currency gets one (the creating user's default currency, else the organization's base
        /// currency), its exchange rate, and every money column's <c>_base</c> = value / exchange rate ("Currency
        /// tables": base amounts are calculated by the platform when the amount or the currency changes).
        /// </summary>
        /// <param name="written">The columns the save sets; null on a create (then every column of the row).</param>
        internal void BeforeWrite(Transaction? tx, IRowColumns row, Guid userId, bool create, IReadOnlyCollection<string>? written)
        {
            var table = _sandbox.Metadata.Table(row.LogicalName);
            if (table == null) return;
            var derived = table.Derived;
            if (written == null)
            {
                foreach (var column in derived.Dates)
                {
                    StoreDate(row, column.LogicalName, column);
                }
            }
            else
            {
                foreach (string name in written)
                {
                    if (table.Column(name) is { Type: ColumnType.DateTime } column) StoreDate(row, name, column);
                }
            }

            var moneyColumns = derived.Money;
            if (!derived.HasCurrency || moneyColumns.Length == 0) return;
            bool moneyTouched = create || written == null || Contains(written, "transactioncurrencyid");
            foreach (var (money, _) in moneyColumns)
            {
                moneyTouched = moneyTouched || Contains(written!, money.LogicalName);
            }
            if (!moneyTouched) return;
            if (row.Get<EntityReference>("transactioncurrencyid") == null)
            {
                var currency = _sandbox.Store.ReadValue(tx, "usersettings", userId, "transactioncurrencyid") as EntityReference;
                if (!create && !HasAmount(row, moneyColumns)) return;
                // The user's stored reference itself, or the organization's: stored values are shared, never changed in place.
                row.Set("transactioncurrencyid", currency is { Name: null } ? currency
                    : currency != null ? new EntityReference("transactioncurrency", currency.Id)
                    : _baseCurrency ??= new EntityReference("transactioncurrency", BaseCurrencyId));
            }
            var currencyId = row.Get<EntityReference>("transactioncurrencyid")!.Id;
            if (!_sandbox.Store.Exists(tx, "transactioncurrency", currencyId)) throw Faults.DoesNotExist("transactioncurrency", currencyId);
            // The stored box itself (values in the store are never changed in place): every row in this currency shares it.
            object? storedRate = _sandbox.Store.ReadValue(tx, "transactioncurrency", currencyId, "exchangerate");
            decimal? rate = storedRate as decimal?;
            if (rate is not > 0m)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument,
                    $"The currency {_sandbox.Store.ReadValue(tx, "transactioncurrency", currencyId, "isocurrencycode")} has no exchange rate: set its exchange rate to the base currency before saving amounts in it.");
            }
            if (derived.HasExchangeRate)
            {
                row.Set("exchangerate", storedRate);
            }
            foreach (var (money, baseName) in moneyColumns)
            {
                if (baseName == null) continue;
                row.Set(baseName, row.Get<Money>(money.LogicalName) is { } amount ? BaseAmount(amount, rate.Value) : null);
            }
        }

        private EntityReference? _baseCurrency;

        /// <summary>
        /// The amount in the base currency, rounded to four places. In the base currency (or at any rate that leaves it
        /// unchanged) it is the amount's own object: stored values are never changed in place, so the row keeps one
        /// Money for both columns instead of two.
        /// </summary>
        private static Money BaseAmount(Money amount, decimal rate)
        {
            decimal value = Math.Round(amount.Value / rate, 4, MidpointRounding.AwayFromZero);
            // Equal and with the same scale: 1.5 and 1.50 are equal decimals but read back differently.
            return value == amount.Value && value.Scale == amount.Value.Scale ? amount : new Money(value);
        }

        private static void StoreDate(IRowColumns row, string name, ColumnMetadata column)
        {
            if (!row.TryGetValue(name, out var raw) || raw is not DateTime value) return;
            var stored = column.DateBehavior switch
            {
                DateBehavior.DateOnly => DateTime.SpecifyKind(value.Date, value.Kind),
                DateBehavior.UserLocal when value.Kind == DateTimeKind.Local => value.ToUniversalTime(),
                _ => value,
            };
            if (stored != value || stored.Kind != value.Kind) row.Set(name, stored);
        }

        private static bool HasAmount(IRowColumns row, (ColumnMetadata Column, string? BaseName)[] moneyColumns)
        {
            foreach (var (money, _) in moneyColumns)
            {
                if (row.Get<Money>(money.LogicalName) != null) return true;
            }
            return false;
        }

        private static bool Contains(IReadOnlyCollection<string> written, string column)
        {
            foreach (var name in written)
            {
                if (name.Equals(column, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>LocalTimeFromUtcTime</c> (TimeZoneCode, UtcTime → LocalTime) and <c>UtcTimeFromLocalTime</c> (TimeZoneCode,
        /// LocalTime → UtcTime), with the parameter names of Microsoft's LocalTimeFromUtcTimeRequest and
        /// UtcTimeFromLocalTimeRequest (Microsoft.Crm.Sdk.Messages; not in Microsoft.Xrm.Sdk, so sent late-bound by name).
        /// </summary>
        internal OrganizationResponse? TryExecute(OrganizationRequest request)
        {
            string name = request.RequestName ?? "";
            bool toLocal = name.Equals("LocalTimeFromUtcTime", StringComparison.OrdinalIgnoreCase);
            if (!toLocal && !name.Equals("UtcTimeFromLocalTime", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            string input = toLocal ? "UtcTime" : "LocalTime";
            if (!request.Parameters.TryGetValue("TimeZoneCode", out var c) || c is not int code
                || !request.Parameters.TryGetValue(input, out var t) || t is not DateTime time)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"{name} needs TimeZoneCode (int) and {input} (DateTime).");
            }
            var zone = ZoneByCode(null, code)
                ?? throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"The time zone code {code} is not a time zone this organization defines (timezonedefinition).");
            var response = ResponseTypes.For(request, name);
            if (toLocal)
            {
                response.Results["LocalTime"] = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(time, DateTimeKind.Utc), zone), DateTimeKind.Unspecified);
            }
            else
            {
                response.Results["UtcTime"] = ZoneTime.ToUtc(time, zone);
            }
            return response;
        }

        private static Entity Currency(Guid id, string iso, string symbol, int precision, decimal? rate, string name) => new("transactioncurrency", id)
        {
            ["isocurrencycode"] = iso,
            ["currencysymbol"] = symbol,
            ["currencyprecision"] = precision,
            ["exchangerate"] = rate,
            ["currencyname"] = name,
        };

        private static Guid ZoneRowId(int code) => new($"0a0a0a0a-0000-4000-9000-{code:D12}");
    }

    /// <summary>Local wall-clock time to UTC, total over DST gaps (a time that does not exist is taken as the moment the clocks jump).</summary>
    internal static class ZoneTime
    {
        public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            while (zone.IsInvalidTime(unspecified))
            {
                unspecified = unspecified.AddMinutes(30);
            }
            return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
        }

        public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
            DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), DateTimeKind.Unspecified);
    }
}
