using Advocacy.Plugins.Domain.Words;
using System.Linq;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.Settings
{
    [TestClass]
    public sealed class JsonParserTests
    {
        private static string StringValue(string json) => ((JsonString)JsonParser.Parse(json)).Value;

        private static JsonSyntaxException SyntaxError(string json) => Assert.ThrowsExactly<JsonSyntaxException>(() => JsonParser.Parse(json));

        [TestMethod]
        public void Parses_every_kind_of_value()
        {
            var root = (JsonObject)JsonParser.Parse(" {\"a\": [1, -2.5e1, 0, -0, 1E+2], \"b\": {\"c\": true, \"d\": false, \"e\": null}, \"s\": \"x\"} ");
            var numbers = ((JsonArray)root.Find("a")!.Value).Items.Cast<JsonNumber>().Select(n => n.Value).ToArray();
            CollectionAssert.AreEqual(new[] { 1.0, -25.0, 0.0, -0.0, 100.0 }, numbers);
            var b = (JsonObject)root.Find("b")!.Value;
            Assert.AreEqual(JsonValueKind.True, b.Find("c")!.Value.Kind);
            Assert.AreEqual(JsonValueKind.False, b.Find("d")!.Value.Kind);
            Assert.AreEqual(JsonValueKind.Null, b.Find("e")!.Value.Kind);
            CollectionAssert.AreEqual(new[] { "a", "b", "s" }, root.Members.Select(m => m.Name).ToArray());
            Assert.AreEqual(0, ((JsonArray)JsonParser.Parse("[]")).Items.Count);
            Assert.AreEqual(0, ((JsonObject)JsonParser.Parse("{ }")).Members.Count);
        }

        [TestMethod]
        public void Decodes_escapes_including_surrogate_pairs()
        {
            Assert.AreEqual("\"\\/\b\f\n\r\t", StringValue("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""));
            Assert.AreEqual("café", StringValue("\"caf\\u00e9\""));
            Assert.AreEqual("\U0001F600", StringValue("\"\\ud83d\\uDE00\""));
            Assert.AreEqual("\U0001F600 raw", StringValue("\"\U0001F600 raw\""));
        }

        [TestMethod]
        [DataRow("\"\\ud83d\"", "unpaired surrogate escape")]
        [DataRow("\"\\ude00\"", "unpaired surrogate escape")]
        [DataRow("\"\\ud83d\\u0041\"", "low surrogate")]
        [DataRow("\"\\x41\"", "invalid escape")]
        [DataRow("\"\\u12\"", "invalid \\u escape")]
        [DataRow("\"tab\there\"", "control character U+0009")]
        [DataRow("\"open", "unterminated string")]
        public void Rejects_bad_strings(string json, string reason)
        {
            StringAssert.Contains(SyntaxError(json).Reason, reason);
        }

        [TestMethod]
        [DataRow("01")]
        [DataRow("1.")]
        [DataRow(".5")]
        [DataRow("-")]
        [DataRow("1e")]
        [DataRow("+1")]
        [DataRow("NaN")]
        [DataRow("Infinity")]
        public void Rejects_numbers_outside_the_grammar(string json)
        {
            SyntaxError(json);
        }

        [TestMethod]
        public void Huge_numbers_become_infinity_not_nan()
        {
            Assert.AreEqual(double.PositiveInfinity, ((JsonNumber)JsonParser.Parse("1e400")).Value);
            Assert.AreEqual("1e400", ((JsonNumber)JsonParser.Parse("1e400")).Text);
        }

        [TestMethod]
        [DataRow("{\"a\":1} x", "after the end of the JSON value")]
        [DataRow("{\"a\":1,}", "expected a key in double quotes")]
        [DataRow("[1,]", "expected a value")]
        [DataRow("{'a':1}", "expected a key in double quotes")]
        [DataRow("{\"a\" 1}", "expected ':'")]
        [DataRow("{\"a\":1 \"b\":2}", "expected ',' or '}'")]
        [DataRow("[1 2]", "expected ',' or ']'")]
        [DataRow("tru", "expected a value but found 'tru'")]
        [DataRow("", "the text is empty")]
        [DataRow("// comment\n{}", "expected a value")]
        [DataRow("{\"a\":1,\"a\":2}", "duplicate key \"a\"")]
        public void Rejects_malformed_documents(string json, string reason)
        {
            StringAssert.Contains(SyntaxError(json).Reason, reason);
        }

        [TestMethod]
        [DataRow("", "the text is empty; expected a JSON value")]
        [DataRow("{\"a\":1} x", "unexpected 'x' after the end of the JSON value")]
        [DataRow("{\"a\":", "unexpected end of the text; expected a value")]
        [DataRow("{\"a\":1", "unexpected end of the text; expected ',' or '}'")]
        [DataRow("{\"a\":1 \"b\":2}", "expected ',' or '}' but found '\"'")]
        [DataRow("[1", "unexpected end of the text; expected ',' or ']'")]
        [DataRow("[1 2]", "expected ',' or ']' but found '2'")]
        [DataRow("\"abc", "unterminated string; expected a closing '\"'")]
        [DataRow("\"a\\", "unterminated string; expected an escape after '\\'")]
        [DataRow("\"\\x\"", "invalid escape '\\x'")]
        [DataRow("\"\\u12\"", "invalid \\u escape; expected 4 hexadecimal digits")]
        [DataRow("\"\\uD800\\u0041\"", "\\uD800 must be followed by a low surrogate escape (\\uDC00-\\uDFFF)")]
        [DataRow("01", "invalid number; leading zeros are not allowed")]
        [DataRow("1.", "invalid number; expected a digit after '.' but found the end of the text")]
        [DataRow("1e", "invalid number; expected an exponent digit but found the end of the text")]
        [DataRow("-", "invalid number; expected a digit but found the end of the text")]
        [DataRow("\"\\uDC00\"", "unpaired surrogate escape \\uDC00")]
        [DataRow("\"\\uD800x\"", "unpaired surrogate escape \\uD800")]
        public void Every_reason_reads_whole_in_English_and_in_German_with_JSONs_tokens_as_written(string json, string english)
        {
            var error = SyntaxError(json);

            Assert.AreEqual(english, error.ReasonPhrase.In(Language.English));
            Assert.AreEqual(english, error.Reason);
            StringAssert.StartsWith(error.Message, english + " at line 1, column " + error.Column + " ($", "the exception's own message: the reason, then where");
            string german = error.ReasonPhrase.In(Language.German);
            Assert.AreNotEqual(english, german, "worded in German");
            Assert.IsFalse(german.Contains("{") || german.Contains("}}") || english.Contains("}}"), german);
            foreach (var token in new[] { "','", "'}'", "']'", "'.'", "\\u" }.Where(english.Contains))
            {
                StringAssert.Contains(german, token, "JSON's tokens stay as written");
            }
        }

        [TestMethod]
        public void Errors_carry_line_column_and_path()
        {
            var error = SyntaxError("{\n  \"scoring\": {\n    \"tierPoints\": {\"key\": 8,, }\n  }\n}");
            Assert.AreEqual(3, error.Line);
            Assert.AreEqual(29, error.Column);
            Assert.AreEqual("$.scoring.tierPoints", error.Path);

            var inArray = SyntaxError("{\"list\": [1, 2, x]}");
            Assert.AreEqual("$.list[2]", inArray.Path);
            Assert.AreEqual(17, inArray.Column);

            var crlf = SyntaxError("{\r\n\"a\": 1,\r\n\"b\": ?}");
            Assert.AreEqual(3, crlf.Line);
            Assert.AreEqual(6, crlf.Column);
        }

        [TestMethod]
        public void Duplicate_key_points_at_the_second_key()
        {
            var error = SyntaxError("{\"a\": 1,\n \"a\": 2}");
            Assert.AreEqual(2, error.Line);
            Assert.AreEqual(2, error.Column);
            Assert.AreEqual("$.a", error.Path);
        }

        [TestMethod]
        public void Odd_keys_are_quoted_in_paths()
        {
            var error = SyntaxError("{\"Shipping & returns\": x}");
            Assert.AreEqual("$['Shipping & returns']", error.Path);
        }

        [TestMethod]
        public void Refuses_pathological_nesting()
        {
            var deep = new string('[', JsonParser.MaxDepth + 1) + new string(']', JsonParser.MaxDepth + 1);
            StringAssert.Contains(SyntaxError(deep).Reason, "nesting");
            var ok = new string('[', JsonParser.MaxDepth) + new string(']', JsonParser.MaxDepth);
            Assert.AreEqual(JsonValueKind.Array, JsonParser.Parse(ok).Kind);
        }

        [TestMethod]
        public void Skips_a_leading_byte_order_mark()
        {
            Assert.AreEqual(JsonValueKind.Object, JsonParser.Parse("\uFEFF{}").Kind);
        }
    }
}
