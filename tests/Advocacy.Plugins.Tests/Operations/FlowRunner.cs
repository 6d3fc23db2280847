using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Advocacy.Plugins.Tests.Operations
{
    /// <summary>
    /// Runs a cloud flow's definition (Workflow Definition Language) for the subset the shipped flows use, so tests hold
    /// the flow's logic, not just its shape: InitializeVariable, SetVariable, IncrementVariable, Until (checked after each
    /// iteration, as Logic Apps does: the body runs at least once; failing when the limit's count is reached) and the
    /// Dataverse connector's PerformUnboundAction (actionName + "item/{parameter}"). Expressions: variables, outputs with
    /// ?['body/…'] paths, parameters, empty, coalesce, equals, not, and string/number/boolean literals. Anything else
    /// fails loudly, so a flow cannot grow a construct these tests silently skip.
    /// </summary>
    internal sealed class FlowRunner
    {
        /// <summary>Calls a Custom API: (actionName, parameters without the "item/" prefix) → response properties.</summary>
        public delegate IDictionary<string, object?> UnboundAction(string actionName, IReadOnlyDictionary<string, object?> parameters);

        private readonly UnboundAction connector;
        private readonly Dictionary<string, object?> outputs = new(StringComparer.Ordinal);

        public FlowRunner(UnboundAction connector) => this.connector = connector;

        public Dictionary<string, object?> Variables { get; } = new(StringComparer.Ordinal);

        /// <summary>Names of the actions run, in order (an action in a loop once per iteration).</summary>
        public List<string> Trail { get; } = new();

        /// <summary>Runs the definition's top-level actions (the trigger is assumed to have fired).</summary>
        public void Run(JsonObject definition) => RunScope((JsonObject)definition["actions"]!);

        private void RunScope(JsonObject actions)
        {
            var done = new HashSet<string>(StringComparer.Ordinal);
            while (done.Count < actions.Count)
            {
                KeyValuePair<string, JsonNode?> next = actions.FirstOrDefault(a => !done.Contains(a.Key) &&
                    ((a.Value!["runAfter"] as JsonObject)?.Select(r => r.Key).All(done.Contains) ?? true));
                if (next.Key == null)
                {
                    throw new InvalidOperationException("runAfter names an action that is not in this scope, or the actions wait on each other: " +
                        string.Join(", ", actions.Select(a => a.Key).Where(k => !done.Contains(k))));
                }

                RunAction(next.Key, (JsonObject)next.Value!);
                done.Add(next.Key);
            }
        }

        private void RunAction(string name, JsonObject action)
        {
            Trail.Add(name);
            string type = (string)action["type"]!;
            JsonNode? inputs = action["inputs"];
            switch (type)
            {
                case "InitializeVariable":
                    foreach (JsonNode? variable in (JsonArray)inputs!["variables"]!)
                    {
                        Variables[(string)variable!["name"]!] = Value(variable["value"]);
                    }

                    break;
                case "SetVariable":
                    Require(inputs!["name"], "SetVariable of an undeclared variable");
                    Variables[(string)inputs["name"]!] = Value(inputs["value"]);
                    break;
                case "IncrementVariable":
                    string counter = (string)inputs!["name"]!;
                    Variables[counter] = Convert.ToInt64(Variables[counter], CultureInfo.InvariantCulture) +
                        Convert.ToInt64(Value(inputs["value"]) ?? 1L, CultureInfo.InvariantCulture);
                    break;
                case "Until":
                    int limit = (int?)action["limit"]?["count"] ?? 60;
                    for (int iteration = 1; ; iteration++)
                    {
                        RunScope((JsonObject)action["actions"]!);
                        if (Truthy(Evaluate((string)action["expression"]!)))
                        {
                            break;
                        }

                        if (iteration >= limit)
                        {
                            throw new InvalidOperationException($"The loop {name} reached its limit of {limit} iterations.");
                        }
                    }

                    break;
                case "OpenApiConnection":
                    string operation = (string)inputs!["host"]!["operationId"]!;
                    if (operation != "PerformUnboundAction")
                    {
                        throw new NotSupportedException($"{name}: operation {operation} is not modelled.");
                    }

                    var parameters = (JsonObject)inputs["parameters"]!;
                    var items = parameters.Where(p => p.Key.StartsWith("item/", StringComparison.Ordinal))
                        .ToDictionary(p => p.Key["item/".Length..], p => Value(p.Value), StringComparer.Ordinal);
                    outputs[name] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["body"] = connector((string)parameters["actionName"]!, items) };
                    break;
                default:
                    throw new NotSupportedException($"{name}: action type {type} is not modelled.");
            }
        }

        private static void Require(JsonNode? node, string message)
        {
            if (node == null)
            {
                throw new InvalidOperationException(message);
            }
        }

        private object? Value(JsonNode? node) => node switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out string? s) => s.StartsWith('@') && !s.StartsWith("@{", StringComparison.Ordinal) ? Evaluate(s) : s,
            JsonValue v when v.TryGetValue(out long l) => l,
            JsonValue v when v.TryGetValue(out bool b) => b,
            _ => throw new NotSupportedException("Value not modelled: " + node.ToJsonString()),
        };

        private static bool Truthy(object? value) => value is true;

        /// <summary>Evaluates "@expression".</summary>
        public object? Evaluate(string expression)
        {
            var parser = new Parser(expression[1..], this);
            object? result = parser.Expression();
            parser.End();
            return result;
        }

        private object? Call(string function, List<object?> args) => function switch
        {
            "variables" => Variables.TryGetValue((string)args[0]!, out object? v) ? v : throw new InvalidOperationException($"variables('{args[0]}') is not declared."),
            "outputs" => outputs.TryGetValue((string)args[0]!, out object? o) ? o : throw new InvalidOperationException($"outputs('{args[0]}'): the action has not run."),
            "parameters" => new Dictionary<string, object?>(),
            "empty" => args[0] switch { null => true, string s => s.Length == 0, System.Collections.ICollection c => c.Count == 0, _ => false },
            "coalesce" => args.FirstOrDefault(a => a != null),
            // Numbers compare by value, whatever their type (a connector's Int32, a literal's Int64), as the workflow language does.
            "equals" => args[0] is IConvertible a && args[1] is IConvertible b && IsNumber(a) && IsNumber(b)
                ? Convert.ToDecimal(a, CultureInfo.InvariantCulture) == Convert.ToDecimal(b, CultureInfo.InvariantCulture)
                : Equals(args[0], args[1]),
            "not" => !(bool)args[0]!,
            _ => throw new NotSupportedException($"Function {function}() is not modelled."),
        };

        private static bool IsNumber(IConvertible value) => value.GetTypeCode() is TypeCode.Int32 or TypeCode.Int64 or TypeCode.Decimal or TypeCode.Double;

        private sealed class Parser
        {
            private readonly string text;
            private readonly FlowRunner runner;
            private int at;

            public Parser(string text, FlowRunner runner)
            {
                this.text = text;
                this.runner = runner;
            }

            public void End()
            {
                if (at != text.Length)
                {
                    throw new FormatException($"Unexpected '{text[at..]}' in {text}.");
                }
            }

            public object? Expression()
            {
                Skip();
                object? value;
                if (text[at] == '\'')
                {
                    int close = text.IndexOf('\'', at + 1);
                    value = text[(at + 1)..close];
                    at = close + 1;
                }
                else if (char.IsDigit(text[at]) || text[at] == '-')
                {
                    int start = at++;
                    while (at < text.Length && char.IsDigit(text[at])) at++;
                    value = long.Parse(text[start..at], CultureInfo.InvariantCulture);
                }
                else
                {
                    int start = at;
                    while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '_')) at++;
                    string name = text[start..at];
                    if (name is "true" or "false" or "null")
                    {
                        value = name == "null" ? null : name == "true";
                    }
                    else
                    {
                        Expect('(');
                        var args = new List<object?>();
                        Skip();
                        while (text[at] != ')')
                        {
                            args.Add(Expression());
                            Skip();
                            if (text[at] == ',') at++;
                        }

                        at++;
                        value = runner.Call(name, args);
                    }
                }

                while (at < text.Length && (text[at] == '?' || text[at] == '['))
                {
                    if (text[at] == '?') at++;
                    Expect('[');
                    object? key = Expression();
                    Expect(']');
                    foreach (string part in ((string)key!).Split('/'))
                    {
                        value = value is IDictionary<string, object?> map && map.TryGetValue(part, out object? item) ? item : null;
                    }
                }

                return value;
            }

            private void Expect(char c)
            {
                Skip();
                if (at >= text.Length || text[at] != c)
                {
                    throw new FormatException($"Expected '{c}' at {at} in {text}.");
                }

                at++;
            }

            private void Skip()
            {
                while (at < text.Length && text[at] == ' ') at++;
            }
        }
    }
}
