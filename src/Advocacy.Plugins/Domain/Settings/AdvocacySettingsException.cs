using System;
using System.Globalization;

namespace Advocacy.Plugins.Domain.Settings
{
    /// <summary>
    /// The adv_AdvocacySettings value cannot be used. Deliberately not an AdvocacyInputException: the person who
    /// can fix it is the admin who set the environment variable, not the user whose save failed, so the message
    /// names the variable and the JSON path. The plug-in layer turns it into an InvalidPluginExecutionException.
    /// </summary>
    public sealed class AdvocacySettingsException : Exception
    {
        public AdvocacySettingsException(string message, string path, int? line, int? column, Exception? inner = null)
            : base(message, inner)
        {
            Path = path;
            Line = line;
            Column = column;
        }

        /// <summary>The offending JSON path, e.g. "$.scoring.tierPoints.strategic".</summary>
        public string Path { get; }

        /// <summary>1-based position of the offending text, when known.</summary>
        public int? Line { get; }
        public int? Column { get; }

        internal static AdvocacySettingsException Syntax(JsonSyntaxException syntax)
        {
            var message = "The environment variable " + AdvocacySettings.EnvironmentVariableName + " is not valid JSON: "
                + syntax.Reason + " at line " + syntax.Line.ToString(CultureInfo.InvariantCulture)
                + ", column " + syntax.Column.ToString(CultureInfo.InvariantCulture) + " (" + ShortPath(syntax.Path) + ").";
            return new AdvocacySettingsException(message, syntax.Path, syntax.Line, syntax.Column, syntax);
        }

        internal static AdvocacySettingsException Invalid(string path, string problem, JsonValue? found)
        {
            return Invalid(path, problem, found, found?.Line, found?.Column);
        }

        internal static AdvocacySettingsException Invalid(string path, string problem, JsonValue? found, int? line, int? column)
        {
            var message = "The environment variable " + AdvocacySettings.EnvironmentVariableName + " is not valid JSON settings: "
                + ShortPath(path) + " " + problem + (found == null ? "" : " (found " + Describe(found) + ")") + ".";
            return new AdvocacySettingsException(message, path, line, column);
        }

        /// <summary>A path as quoted in a message: a deep path keeps its start and end, at most about 160 characters.</summary>
        internal static string ShortPath(string path)
        {
            return path.Length <= 160 ? path : path.Substring(0, 80) + "..." + path.Substring(path.Length - 77);
        }

        /// <summary>How a value is quoted back to the admin: as written, shortened, never the whole document.</summary>
        internal static string Describe(JsonValue value)
        {
            switch (value)
            {
                case JsonString s:
                    return "\"" + JsonPath.Excerpt(s.Value).Replace("\"", "\\\"") + "\"";
                case JsonNumber n:
                    return n.Text.Length > 40 ? n.Text.Substring(0, 40) + "..." : n.Text;
                case JsonObject _:
                    return "an object";
                case JsonArray _:
                    return "an array";
                default:
                    return value.Kind == JsonValueKind.True ? "true" : value.Kind == JsonValueKind.False ? "false" : "null";
            }
        }
    }
}
