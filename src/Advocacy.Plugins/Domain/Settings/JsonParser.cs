using System;
using Advocacy.Plugins.Domain.Words;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Advocacy.Plugins.Domain.Settings
{
    /// <summary>
    /// A strict RFC 8259 parser. The plug-in assembly may reference nothing beyond the .NET Framework, so
    /// System.Text.Json and Newtonsoft are not available; settings are small, so a straightforward
    /// recursive-descent reader is enough. Strict on purpose: an admin's mistake should fail loudly with a
    /// position rather than be "repaired" into a value nobody intended (no comments, no trailing commas, no
    /// single quotes, no duplicate keys).
    /// </summary>
    public static class JsonParser
    {
        /// <summary>Deeper nesting is refused so a hostile value cannot exhaust the sandbox's stack.</summary>
        public const int MaxDepth = 64;

        /// <exception cref="JsonSyntaxException">The text is not one well-formed JSON value.</exception>
        public static JsonValue Parse(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            var reader = new Reader(text);
            return reader.ParseDocument();
        }

        private sealed class Reader
        {
            private readonly string text;
            private readonly List<string> path = new List<string>();
            private int position;
            private int line = 1;
            private int lineStart;

            public Reader(string text)
            {
                this.text = text;
            }

            private int Column => position - lineStart + 1;

            private bool AtEnd => position >= text.Length;

            public JsonValue ParseDocument()
            {
                // Values pasted from editors on Windows often carry a byte-order mark; it is not content.
                if (!AtEnd && text[position] == '\uFEFF')
                {
                    position++;
                    lineStart = position;
                }

                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error(Phrase.Of(TextKey.JsonEmpty));
                }

                var value = ParseValue(0);
                SkipWhitespace();
                if (!AtEnd)
                {
                    throw Error(Phrase.Of(TextKey.JsonAfterEnd, DescribeCurrent()));
                }

                return value;
            }

            private JsonValue ParseValue(int depth)
            {
                if (AtEnd)
                {
                    throw Error(Phrase.Of(TextKey.JsonEndExpectedValue));
                }

                var c = text[position];
                switch (c)
                {
                    case '{':
                        return ParseObject(depth + 1);
                    case '[':
                        return ParseArray(depth + 1);
                    case '"':
                    {
                        int startLine = line, startColumn = Column;
                        return new JsonString(ParseString(), startLine, startColumn);
                    }
                    case 't':
                        return ParseLiteral("true", JsonValueKind.True);
                    case 'f':
                        return ParseLiteral("false", JsonValueKind.False);
                    case 'n':
                        return ParseLiteral("null", JsonValueKind.Null);
                    default:
                        if (c == '-' || (c >= '0' && c <= '9'))
                        {
                            return ParseNumber();
                        }

                        throw Error(Phrase.Of(TextKey.JsonExpectedValue, DescribeCurrent()));
                }
            }

            private JsonObject ParseObject(int depth)
            {
                CheckDepth(depth);
                int startLine = line, startColumn = Column;
                position++; // '{'
                var members = new List<JsonMember>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                SkipWhitespace();
                if (!AtEnd && text[position] == '}')
                {
                    position++;
                    return new JsonObject(members, startLine, startColumn);
                }

                while (true)
                {
                    SkipWhitespace();
                    if (AtEnd || text[position] != '"')
                    {
                        throw Error(Phrase.Of(TextKey.JsonExpectedKey, DescribeCurrent()));
                    }

                    int keyLine = line, keyColumn = Column;
                    var name = ParseString();
                    path.Add(JsonPath.Segment(name));
                    if (!seen.Add(name))
                    {
                        throw ErrorAt(Phrase.Of(TextKey.JsonDuplicateKey, JsonPath.Excerpt(name)), keyLine, keyColumn);
                    }

                    SkipWhitespace();
                    if (AtEnd || text[position] != ':')
                    {
                        throw Error(Phrase.Of(TextKey.JsonExpectedColon, DescribeCurrent()));
                    }

                    position++;
                    SkipWhitespace();
                    var value = ParseValue(depth);
                    members.Add(new JsonMember(name, value, keyLine, keyColumn));
                    path.RemoveAt(path.Count - 1);
                    SkipWhitespace();
                    if (AtEnd)
                    {
                        throw Error(Phrase.Of(TextKey.JsonEndExpectedCommaBrace));
                    }

                    var c = text[position];
                    if (c == ',')
                    {
                        position++;
                        continue;
                    }

                    if (c == '}')
                    {
                        position++;
                        return new JsonObject(members, startLine, startColumn);
                    }

                    throw Error(Phrase.Of(TextKey.JsonExpectedCommaBrace, DescribeCurrent()));
                }
            }

            private JsonArray ParseArray(int depth)
            {
                CheckDepth(depth);
                int startLine = line, startColumn = Column;
                position++; // '['
                var items = new List<JsonValue>();
                SkipWhitespace();
                if (!AtEnd && text[position] == ']')
                {
                    position++;
                    return new JsonArray(items, startLine, startColumn);
                }

                while (true)
                {
                    path.Add("[" + items.Count.ToString(CultureInfo.InvariantCulture) + "]");
                    SkipWhitespace();
                    items.Add(ParseValue(depth));
                    path.RemoveAt(path.Count - 1);
                    SkipWhitespace();
                    if (AtEnd)
                    {
                        throw Error(Phrase.Of(TextKey.JsonEndExpectedCommaBracket));
                    }

                    var c = text[position];
                    if (c == ',')
                    {
                        position++;
                        continue;
                    }

                    if (c == ']')
                    {
                        position++;
                        return new JsonArray(items, startLine, startColumn);
                    }

                    throw Error(Phrase.Of(TextKey.JsonExpectedCommaBracket, DescribeCurrent()));
                }
            }

            private string ParseString()
            {
                position++; // opening quote
                var builder = new StringBuilder();
                while (true)
                {
                    if (AtEnd)
                    {
                        throw Error(Phrase.Of(TextKey.JsonUnterminatedString));
                    }

                    var c = text[position];
                    if (c == '"')
                    {
                        position++;
                        return builder.ToString();
                    }

                    if (c == '\\')
                    {
                        ParseEscape(builder);
                        continue;
                    }

                    if (c < 0x20)
                    {
                        throw Error(Phrase.Of(TextKey.JsonControlCharacter, CodePoint(c)));
                    }

                    if (char.IsHighSurrogate(c))
                    {
                        if (position + 1 >= text.Length || !char.IsLowSurrogate(text[position + 1]))
                        {
                            throw Error(Phrase.Of(TextKey.JsonUnpairedSurrogate, CodePoint(c)));
                        }

                        builder.Append(c).Append(text[position + 1]);
                        position += 2;
                        continue;
                    }

                    if (char.IsLowSurrogate(c))
                    {
                        throw Error(Phrase.Of(TextKey.JsonUnpairedSurrogate, CodePoint(c)));
                    }

                    builder.Append(c);
                    position++;
                }
            }

            private void ParseEscape(StringBuilder builder)
            {
                int escapeLine = line, escapeColumn = Column;
                position++; // backslash
                if (AtEnd)
                {
                    throw Error(Phrase.Of(TextKey.JsonUnterminatedEscape));
                }

                var c = text[position];
                position++;
                switch (c)
                {
                    case '"': builder.Append('"'); return;
                    case '\\': builder.Append('\\'); return;
                    case '/': builder.Append('/'); return;
                    case 'b': builder.Append('\b'); return;
                    case 'f': builder.Append('\f'); return;
                    case 'n': builder.Append('\n'); return;
                    case 'r': builder.Append('\r'); return;
                    case 't': builder.Append('\t'); return;
                    case 'u':
                        break;
                    default:
                        throw ErrorAt(Phrase.Of(TextKey.JsonInvalidEscape, Printable(c)), escapeLine, escapeColumn);
                }

                var unit = ReadHex4(escapeLine, escapeColumn);
                if (char.IsHighSurrogate(unit))
                {
                    // A character outside the BMP is written as two escapes; half of one is not text.
                    if (position + 1 < text.Length && text[position] == '\\' && text[position + 1] == 'u')
                    {
                        int lowLine = line, lowColumn = Column;
                        position += 2;
                        var low = ReadHex4(lowLine, lowColumn);
                        if (!char.IsLowSurrogate(low))
                        {
                            throw ErrorAt(Phrase.Of(TextKey.JsonLowSurrogateExpected, ((int)unit).ToString("X4", CultureInfo.InvariantCulture)), lowLine, lowColumn);
                        }

                        builder.Append(unit).Append(low);
                        return;
                    }

                    throw ErrorAt(Phrase.Of(TextKey.JsonUnpairedSurrogateEscape, ((int)unit).ToString("X4", CultureInfo.InvariantCulture)),
                        escapeLine, escapeColumn);
                }

                if (char.IsLowSurrogate(unit))
                {
                    throw ErrorAt(Phrase.Of(TextKey.JsonUnpairedSurrogateEscape, ((int)unit).ToString("X4", CultureInfo.InvariantCulture)),
                        escapeLine, escapeColumn);
                }

                builder.Append(unit);
            }

            private char ReadHex4(int escapeLine, int escapeColumn)
            {
                var value = 0;
                for (var i = 0; i < 4; i++)
                {
                    if (AtEnd)
                    {
                        throw ErrorAt(Phrase.Of(TextKey.JsonIncompleteUnicodeEscape), escapeLine, escapeColumn);
                    }

                    var c = text[position];
                    int digit;
                    if (c >= '0' && c <= '9')
                    {
                        digit = c - '0';
                    }
                    else if (c >= 'a' && c <= 'f')
                    {
                        digit = c - 'a' + 10;
                    }
                    else if (c >= 'A' && c <= 'F')
                    {
                        digit = c - 'A' + 10;
                    }
                    else
                    {
                        throw ErrorAt(Phrase.Of(TextKey.JsonInvalidUnicodeEscape), escapeLine, escapeColumn);
                    }

                    value = (value * 16) + digit;
                    position++;
                }

                return (char)value;
            }

            private JsonNumber ParseNumber()
            {
                int startLine = line, startColumn = Column, start = position;
                if (text[position] == '-')
                {
                    position++;
                }

                if (AtEnd || !IsDigit(text[position]))
                {
                    throw Error(Phrase.Of(TextKey.JsonNumberDigit, DescribeCurrent()));
                }

                if (text[position] == '0')
                {
                    position++;
                    if (!AtEnd && IsDigit(text[position]))
                    {
                        throw ErrorAt(Phrase.Of(TextKey.JsonLeadingZeros), startLine, startColumn);
                    }
                }
                else
                {
                    SkipDigits();
                }

                if (!AtEnd && text[position] == '.')
                {
                    position++;
                    if (AtEnd || !IsDigit(text[position]))
                    {
                        throw Error(Phrase.Of(TextKey.JsonNumberDigitAfterDot, DescribeCurrent()));
                    }

                    SkipDigits();
                }

                if (!AtEnd && (text[position] == 'e' || text[position] == 'E'))
                {
                    position++;
                    if (!AtEnd && (text[position] == '+' || text[position] == '-'))
                    {
                        position++;
                    }

                    if (AtEnd || !IsDigit(text[position]))
                    {
                        throw Error(Phrase.Of(TextKey.JsonNumberExponent, DescribeCurrent()));
                    }

                    SkipDigits();
                }

                var literal = text.Substring(start, position - start);
                double value;
                try
                {
                    value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
                }
                catch (OverflowException)
                {
                    // .NET Framework throws where .NET Core returns infinity; range checks report it either way.
                    value = literal[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
                }

                return new JsonNumber(literal, value, startLine, startColumn);
            }

            private JsonLiteral ParseLiteral(string word, JsonValueKind kind)
            {
                int startLine = line, startColumn = Column;
                if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
                {
                    throw Error(Phrase.Of(TextKey.JsonExpectedValue, DescribeWord()));
                }

                position += word.Length;
                return new JsonLiteral(kind, startLine, startColumn);
            }

            private void SkipWhitespace()
            {
                while (!AtEnd)
                {
                    var c = text[position];
                    if (c == ' ' || c == '\t')
                    {
                        position++;
                    }
                    else if (c == '\n')
                    {
                        position++;
                        NewLine();
                    }
                    else if (c == '\r')
                    {
                        position++;
                        if (!AtEnd && text[position] == '\n')
                        {
                            position++;
                        }

                        NewLine();
                    }
                    else
                    {
                        return;
                    }
                }
            }

            private void NewLine()
            {
                line++;
                lineStart = position;
            }

            private void SkipDigits()
            {
                while (!AtEnd && IsDigit(text[position]))
                {
                    position++;
                }
            }

            private static bool IsDigit(char c) => c >= '0' && c <= '9';

            private void CheckDepth(int depth)
            {
                if (depth > MaxDepth)
                {
                    throw Error(Phrase.Of(TextKey.JsonTooDeep, MaxDepth.ToString(CultureInfo.InvariantCulture)));
                }
            }

            private object DescribeCurrent()
            {
                return AtEnd ? (object)Phrase.Of(TextKey.JsonEndOfText) : "'" + Printable(text[position]) + "'";
            }

            private object DescribeWord()
            {
                var end = position;
                while (end < text.Length && end - position < 20 && char.IsLetterOrDigit(text[end]))
                {
                    end++;
                }

                return end > position ? "'" + text.Substring(position, end - position) + "'" : DescribeCurrent();
            }

            private static string Printable(char c)
            {
                return c < 0x20 || c == 0x7F || char.IsSurrogate(c) ? CodePoint(c) : c.ToString();
            }

            private static string CodePoint(char c)
            {
                return "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
            }

            private JsonSyntaxException Error(Phrase reason) => ErrorAt(reason, line, Column);

            private JsonSyntaxException ErrorAt(Phrase reason, int atLine, int atColumn)
            {
                return new JsonSyntaxException(reason, atLine, atColumn, JsonPath.Root + string.Concat(path));
            }
        }
    }

    /// <summary>How settings errors write a location: "$.scoring.tierPoints.strategic", "$.a['odd key'][0]".</summary>
    public static class JsonPath
    {
        public const string Root = "$";

        public static string Child(string parent, string name) => parent + Segment(name);

        /// <summary>Longest key quoted whole in a path or message; a longer one is cut and marked with "...".</summary>
        public const int MaxQuotedLength = 40;

        public static string Segment(string name)
        {
            if (name.Length <= MaxQuotedLength && IsIdentifier(name))
            {
                return "." + name;
            }

            return "['" + Excerpt(name).Replace("'", "\\'") + "']";
        }

        /// <summary>
        /// A key or text as quoted back in messages: at most <see cref="MaxQuotedLength"/> characters then "...",
        /// backslashes doubled and control characters as \uXXXX, so a hostile value can neither flood nor break a message.
        /// </summary>
        public static string Excerpt(string text)
        {
            var cut = text.Length > MaxQuotedLength ? text.Substring(0, MaxQuotedLength) : text;
            var result = new StringBuilder(cut.Length + 8);
            foreach (var c in cut)
            {
                if (c == '\\')
                {
                    result.Append("\\\\");
                }
                else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
                {
                    result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    result.Append(c);
                }
            }

            return text.Length > MaxQuotedLength ? result.Append("...").ToString() : result.ToString();
        }

        private static bool IsIdentifier(string name)
        {
            if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_' || name[0] == '$'))
            {
                return false;
            }

            foreach (var c in name)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_' || c == '$'))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The text is not well-formed JSON. Line and column are 1-based.</summary>
    public sealed class JsonSyntaxException : Exception
    {
        public JsonSyntaxException(Phrase reason, int line, int column, string path)
            : base(reason + " at line " + line.ToString(CultureInfo.InvariantCulture) + ", column "
                + column.ToString(CultureInfo.InvariantCulture) + " (" + path + ")")
        {
            ReasonPhrase = reason ?? throw new ArgumentNullException(nameof(reason));
            Line = line;
            Column = column;
            Path = path;
        }

        /// <summary>What is wrong, in English (JSON's own tokens quoted as written).</summary>
        public string Reason => ReasonPhrase.ToString();

        /// <summary>What is wrong, before it is worded: the settings error words it for its reader.</summary>
        public Phrase ReasonPhrase { get; }
        public int Line { get; }
        public int Column { get; }

        /// <summary>The JSON path being read when the error was found, e.g. "$.scoring.delayMaxPoints".</summary>
        public string Path { get; }
    }
}
