using System;
using System.Collections.Generic;

namespace Advocacy.Plugins.Domain.Settings
{
    public enum JsonValueKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>
    /// A parsed JSON value that remembers where it was written, so a settings error can point an admin at the
    /// exact line and column of the environment variable's value.
    /// </summary>
    public abstract class JsonValue
    {
        protected JsonValue(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public abstract JsonValueKind Kind { get; }

        /// <summary>1-based line of the value's first character.</summary>
        public int Line { get; }

        /// <summary>1-based column (UTF-16 code units) of the value's first character.</summary>
        public int Column { get; }
    }

    public sealed class JsonMember
    {
        public JsonMember(string name, JsonValue value, int line, int column)
        {
            Name = name;
            Value = value;
            Line = line;
            Column = column;
        }

        public string Name { get; }
        public JsonValue Value { get; }

        /// <summary>Where the member's key starts.</summary>
        public int Line { get; }
        public int Column { get; }
    }

    /// <summary>An object; members keep their written order so errors are reported in reading order.</summary>
    public sealed class JsonObject : JsonValue
    {
        private readonly List<JsonMember> members;
        private readonly Dictionary<string, JsonMember> byName;

        public JsonObject(IList<JsonMember> members, int line, int column) : base(line, column)
        {
            this.members = new List<JsonMember>(members);
            byName = new Dictionary<string, JsonMember>(StringComparer.Ordinal);
            foreach (var member in this.members)
            {
                if (byName.ContainsKey(member.Name))
                {
                    // The parser already rejects this; a hand-built object must not silently drop a value either.
                    throw new ArgumentException("Duplicate key \"" + member.Name + "\".", nameof(members));
                }

                byName.Add(member.Name, member);
            }
        }

        public override JsonValueKind Kind => JsonValueKind.Object;

        public IReadOnlyList<JsonMember> Members => members;

        public JsonMember? Find(string name)
        {
            return byName.TryGetValue(name, out var member) ? member : null;
        }
    }

    public sealed class JsonArray : JsonValue
    {
        private readonly List<JsonValue> items;

        public JsonArray(IList<JsonValue> items, int line, int column) : base(line, column)
        {
            this.items = new List<JsonValue>(items);
        }

        public override JsonValueKind Kind => JsonValueKind.Array;

        public IReadOnlyList<JsonValue> Items => items;
    }

    public sealed class JsonString : JsonValue
    {
        public JsonString(string value, int line, int column) : base(line, column)
        {
            Value = value;
        }

        public override JsonValueKind Kind => JsonValueKind.String;

        public string Value { get; }
    }

    public sealed class JsonNumber : JsonValue
    {
        public JsonNumber(string text, double value, int line, int column) : base(line, column)
        {
            Text = text;
            Value = value;
        }

        public override JsonValueKind Kind => JsonValueKind.Number;

        /// <summary>The number as written, for messages ("found 1e400" reads better than "found ∞").</summary>
        public string Text { get; }

        /// <summary>May be ±infinity when the written number is beyond double's range; never NaN.</summary>
        public double Value { get; }
    }

    /// <summary>true, false or null.</summary>
    public sealed class JsonLiteral : JsonValue
    {
        public JsonLiteral(JsonValueKind kind, int line, int column) : base(line, column)
        {
            if (kind != JsonValueKind.True && kind != JsonValueKind.False && kind != JsonValueKind.Null)
            {
                throw new ArgumentOutOfRangeException(nameof(kind), "A literal is true, false or null.");
            }

            Kind = kind;
        }

        public override JsonValueKind Kind { get; }
    }
}
