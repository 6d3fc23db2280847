using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Advocacy.Plugins.Domain.Reporting
{
    /// <summary>
    /// A minimal JSON writer: the deployable plug-in may reference nothing but the framework, so no
    /// System.Text.Json. It tracks only whether a comma is due; callers write well-formed structure.
    /// </summary>
    public sealed class JsonWriter
    {
        private readonly StringBuilder text = new StringBuilder();
        private readonly Stack<bool> hasItems = new Stack<bool>();
        private bool afterName;

        public JsonWriter BeginObject()
        {
            Separate();
            text.Append('{');
            hasItems.Push(false);
            return this;
        }

        public JsonWriter EndObject()
        {
            hasItems.Pop();
            text.Append('}');
            return this;
        }

        public JsonWriter BeginArray()
        {
            Separate();
            text.Append('[');
            hasItems.Push(false);
            return this;
        }

        public JsonWriter EndArray()
        {
            hasItems.Pop();
            text.Append(']');
            return this;
        }

        public JsonWriter Name(string name)
        {
            Separate();
            AppendString(text, name);
            text.Append(':');
            afterName = true;
            return this;
        }

        public JsonWriter String(string? value)
        {
            if (value == null)
            {
                return Null();
            }

            Separate();
            AppendString(text, value);
            return this;
        }

        public JsonWriter Number(int value)
        {
            Separate();
            text.Append(value.ToString(CultureInfo.InvariantCulture));
            return this;
        }

        public JsonWriter Number(int? value) => value.HasValue ? Number(value.Value) : Null();

        /// <summary>Decimals keep their scale: 4.50 is written "4.50" so averages always show 2 decimals.</summary>
        public JsonWriter Number(decimal? value)
        {
            if (!value.HasValue)
            {
                return Null();
            }

            Separate();
            text.Append(value.Value.ToString(CultureInfo.InvariantCulture));
            return this;
        }

        public JsonWriter Null()
        {
            Separate();
            text.Append("null");
            return this;
        }

        public override string ToString() => text.ToString();

        /// <summary>Escapes per RFC 8259, plus U+2028/U+2029 (line breaks to JavaScript); a lone surrogate becomes U+FFFD,
        /// because neither it nor its \u escape is valid Unicode text and strict readers (System.Text.Json) refuse both.</summary>
        public static void AppendString(StringBuilder sb, string value)
        {
            sb.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    default:
                        if (c < ' ' || c == '\u2028' || c == '\u2029')
                        {
                            AppendEscape(sb, c);
                        }
                        else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        {
                            sb.Append(c).Append(value[i + 1]);
                            i++;
                        }
                        else if (char.IsSurrogate(c))
                        {
                            sb.Append('\uFFFD');
                        }
                        else
                        {
                            sb.Append(c);
                        }

                        break;
                }
            }

            sb.Append('"');
        }

        private static void AppendEscape(StringBuilder sb, char c) =>
            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));

        private void Separate()
        {
            if (afterName)
            {
                afterName = false;
                return;
            }

            if (hasItems.Count == 0)
            {
                return;
            }

            if (hasItems.Peek())
            {
                text.Append(',');
            }
            else
            {
                hasItems.Pop();
                hasItems.Push(true);
            }
        }
    }
}
