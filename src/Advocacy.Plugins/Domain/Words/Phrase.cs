using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Advocacy.Plugins.Domain.Words
{
    /// <summary>
    /// A text not yet put into words: a key of the string table and its values (names, numbers, dates, tiers,
    /// other phrases). Rules decide what to say once; whoever shows it says it in the reader's language
    /// (<see cref="In"/>) — the same reason reads English in the trace and German in a German advocate's task.
    /// </summary>
    public sealed class Phrase
    {
        private readonly TextKey? _key;
        private readonly string? _separator;
        private readonly object?[] _parts;

        private Phrase(TextKey? key, string? separator, object?[] parts)
        {
            _key = key;
            _separator = separator;
            _parts = parts;
        }

        public static Phrase Of(TextKey key, params object?[] args) => new Phrase(key, null, args ?? new object?[0]);

        /// <summary>Parts shown one after the other with a separator between (punctuation only, no words).</summary>
        public static Phrase Join(string separator, IEnumerable<object?> parts) =>
            new Phrase(null, separator ?? string.Empty, new List<object?>(parts).ToArray());

        public TextKey? Key => _key;

        public IReadOnlyList<object?> Args => _parts;

        public string In(Language language)
        {
            if (language == null)
            {
                throw new ArgumentNullException(nameof(language));
            }

            if (_key.HasValue)
            {
                return language.Format(_key.Value, _parts);
            }

            var text = new StringBuilder();
            for (var i = 0; i < _parts.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(_separator);
                }

                text.Append(language.Show(_parts[i]));
            }

            return text.ToString();
        }

        /// <summary>In English: for the trace, which admins and support read in one language.</summary>
        public override string ToString() => In(Language.English);

        /// <summary>
        /// A plain-text form that survives a trip between two steps of one save (SharedVariables carry only
        /// simple values): <see cref="Decode"/> gives the same phrase back.
        /// </summary>
        public string Encode()
        {
            var text = new StringBuilder();
            Encode(this, text);
            return text.ToString();
        }

        /// <exception cref="FormatException">The text is not an encoded phrase.</exception>
        public static Phrase Decode(string encoded)
        {
            if (encoded == null)
            {
                throw new ArgumentNullException(nameof(encoded));
            }

            var at = 0;
            var phrase = ReadPhrase(encoded, ref at);
            if (at != encoded.Length)
            {
                throw new FormatException("Trailing text after an encoded phrase.");
            }

            return phrase;
        }

        private static void Encode(Phrase phrase, StringBuilder text)
        {
            text.Append('(');
            if (phrase._key.HasValue)
            {
                text.Append('k').Append(((int)phrase._key.Value).ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append('j');
                WriteString(phrase._separator!, text);
            }

            foreach (var part in phrase._parts)
            {
                text.Append(',');
                switch (part)
                {
                    case null: text.Append('n'); break;
                    case string s: text.Append('s'); WriteString(s, text); break;
                    case int i: text.Append('i').Append(i.ToString(CultureInfo.InvariantCulture)).Append(';'); break;
                    case decimal m: text.Append('m').Append(m.ToString(CultureInfo.InvariantCulture)).Append(';'); break;
                    case DateTime d: text.Append('d').Append(d.Ticks.ToString(CultureInfo.InvariantCulture)).Append(';'); break;
                    case CustomerTier t: text.Append('t').Append(((int)t).ToString(CultureInfo.InvariantCulture)).Append(';'); break;
                    case Specialty sp: text.Append('p').Append(((int)sp).ToString(CultureInfo.InvariantCulture)).Append(';'); break;
                    case ImpactBand b: text.Append('b').Append(((int)b).ToString(CultureInfo.InvariantCulture)).Append(';'); break;
                    case Phrase inner: Encode(inner, text); break;
                    default: text.Append('s'); WriteString(Convert.ToString(part, CultureInfo.InvariantCulture) ?? string.Empty, text); break;
                }
            }

            text.Append(')');
        }

        private static void WriteString(string s, StringBuilder text) =>
            text.Append(s.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(s);

        private static Phrase ReadPhrase(string s, ref int at)
        {
            Expect(s, ref at, '(');
            TextKey? key = null;
            string? separator = null;
            var kind = Next(s, ref at);
            if (kind == 'k')
            {
                var value = ReadNumber(s, ref at, ',', ')');
                key = (TextKey)checked((int)value);
            }
            else if (kind == 'j')
            {
                separator = ReadString(s, ref at);
            }
            else
            {
                throw new FormatException("An encoded phrase starts with a key or a separator.");
            }

            var parts = new List<object?>();
            while (Peek(s, at) == ',')
            {
                at++;
                var tag = Peek(s, at);
                if (tag == '(')
                {
                    parts.Add(ReadPhrase(s, ref at));
                    continue;
                }

                at++;
                switch (tag)
                {
                    case 'n': parts.Add(null); break;
                    case 's': parts.Add(ReadString(s, ref at)); break;
                    case 'i': parts.Add(checked((int)ReadNumber(s, ref at, ';'))); at++; break;
                    case 'm': parts.Add(ReadDecimal(s, ref at)); break;
                    case 'd': parts.Add(new DateTime(ReadNumber(s, ref at, ';'), DateTimeKind.Utc)); at++; break;
                    case 't': parts.Add((CustomerTier)checked((int)ReadNumber(s, ref at, ';'))); at++; break;
                    case 'p': parts.Add((Specialty)checked((int)ReadNumber(s, ref at, ';'))); at++; break;
                    case 'b': parts.Add((ImpactBand)checked((int)ReadNumber(s, ref at, ';'))); at++; break;
                    default: throw new FormatException("Unknown value tag in an encoded phrase.");
                }
            }

            Expect(s, ref at, ')');
            return key.HasValue ? Of(key.Value, parts.ToArray()) : Join(separator!, parts);
        }

        private static decimal ReadDecimal(string s, ref int at)
        {
            var end = s.IndexOf(';', at);
            if (end < 0)
            {
                throw new FormatException("An encoded amount is not terminated.");
            }

            var value = decimal.Parse(s.Substring(at, end - at), NumberStyles.Number, CultureInfo.InvariantCulture);
            at = end + 1;
            return value;
        }

        private static long ReadNumber(string s, ref int at, params char[] ends)
        {
            var end = s.IndexOfAny(ends, at);
            if (end < 0)
            {
                throw new FormatException("An encoded number is not terminated.");
            }

            var value = long.Parse(s.Substring(at, end - at), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            at = end;
            return value;
        }

        private static string ReadString(string s, ref int at)
        {
            var length = checked((int)ReadNumber(s, ref at, ':'));
            at++;
            if (length < 0 || at + length > s.Length)
            {
                throw new FormatException("An encoded text is cut short.");
            }

            var value = s.Substring(at, length);
            at += length;
            return value;
        }

        private static char Next(string s, ref int at)
        {
            var c = Peek(s, at);
            at++;
            return c;
        }

        private static char Peek(string s, int at) => at < s.Length ? s[at] : '\0';

        private static void Expect(string s, ref int at, char c)
        {
            if (Next(s, ref at) != c)
            {
                throw new FormatException("Not an encoded phrase.");
            }
        }
    }
}
