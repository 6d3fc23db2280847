using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox.Query
{
    /// <summary>
    /// Entity.FormattedValues as the platform fills them, simplified: choices and Yes/No by their label (from the
    /// source's metadata; "Yes"/"No" by default), lookups by name, money as "$1,234.00", whole and decimal numbers with
    /// group separators, dates as "M/d/yyyy h:mm tt" (en-US, UTC: the sandbox has no user time zone). Strings and
    /// Guids get none, as in Dataverse.
    /// </summary>
    internal static class Formatter
    {
        private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

        public static string? Format(ITableSource source, string entity, string attribute, object? value)
        {
            switch (value)
            {
                case null: return null;
                case OptionSetValue o: return source.ChoiceLabel(entity, attribute, o.Value);
                case OptionSetValueCollection many:
                {
                    var labels = new System.Collections.Generic.List<string>();
                    foreach (var o in many)
                        if (o != null) labels.Add(source.ChoiceLabel(entity, attribute, o.Value) ?? o.Value.ToString(CultureInfo.InvariantCulture));
                    return string.Join("; ", labels);
                }
                case bool b: return source.ChoiceLabel(entity, attribute, b ? 1 : 0) ?? (b ? "Yes" : "No");
                case EntityReference r: return r.Name;
                case Money m: return m.Value.ToString("C2", EnUs);
                case int i: return i.ToString("N0", EnUs);
                case long l: return l.ToString("N0", EnUs);
                case decimal d: return d.ToString("#,##0.##########", EnUs);
                case double x: return x.ToString("#,##0.##########", EnUs);
                case DateTime t: return t.ToString("M/d/yyyy h:mm tt", EnUs);
                default: return null;
            }
        }

        public static void Add(ITableSource source, Entity target, string key, string entity, string attribute, object? value)
        {
            var text = Format(source, entity, attribute, value);
            if (text != null) target.FormattedValues[key] = text;
        }
    }
}
