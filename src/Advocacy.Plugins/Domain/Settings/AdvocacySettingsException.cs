using System;
using System.Globalization;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.Settings
{
    /// <summary>
    /// The adv_AdvocacySettings value cannot be used. Deliberately not an AdvocacyInputException: the person who
    /// can fix it is the admin who set the environment variable, not the user whose save failed, so the message
    /// names the variable and the JSON path. The plug-in layer turns it into an InvalidPluginExecutionException
    /// worded for the caller (<see cref="MessageIn"/>); <see cref="Exception.Message"/> is the English wording.
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

        private AdvocacySettingsException(Phrase phrase, string path, int? line, int? column, Exception? inner = null)
            : this(phrase.ToString(), path, line, column, inner)
        {
            Phrase = phrase;
        }

        /// <summary>The message before it is worded; null when built from a plain message.</summary>
        public Phrase? Phrase { get; }

        /// <summary>The message for <paramref name="language"/>'s reader.</summary>
        public string MessageIn(Language language) => Phrase != null ? Phrase.In(language) : Message;

        /// <summary>The offending JSON path, e.g. "$.scoring.tierPoints.strategic".</summary>
        public string Path { get; }

        /// <summary>1-based position of the offending text, when known.</summary>
        public int? Line { get; }
        public int? Column { get; }

        internal static AdvocacySettingsException Syntax(JsonSyntaxException syntax)
        {
            // The reason is worded for the reader too; JSON's own tokens (',', '}', \u) stay as written.
            var message = Phrase.Of(TextKey.SettingsNotJson, AdvocacySettings.EnvironmentVariableName, syntax.ReasonPhrase,
                syntax.Line.ToString(CultureInfo.InvariantCulture), syntax.Column.ToString(CultureInfo.InvariantCulture), ShortPath(syntax.Path));
            return new AdvocacySettingsException(message, syntax.Path, syntax.Line, syntax.Column, syntax);
        }

        internal static AdvocacySettingsException Invalid(string path, Phrase problem, JsonValue? found)
        {
            return Invalid(path, problem, found, found?.Line, found?.Column);
        }

        internal static AdvocacySettingsException Invalid(string path, Phrase problem, JsonValue? found, int? line, int? column)
        {
            var message = found == null
                ? Phrase.Of(TextKey.SettingsInvalid, AdvocacySettings.EnvironmentVariableName, ShortPath(path), problem)
                : Phrase.Of(TextKey.SettingsInvalidFound, AdvocacySettings.EnvironmentVariableName, ShortPath(path), problem, Describe(found));
            return new AdvocacySettingsException(message, path, line, column);
        }

        /// <summary>A path as quoted in a message: a deep path keeps its start and end, at most about 160 characters.</summary>
        internal static string ShortPath(string path)
        {
            return path.Length <= 160 ? path : path.Substring(0, 80) + "..." + path.Substring(path.Length - 77);
        }

        /// <summary>How a value is quoted back to the admin: as written, shortened, never the whole document.</summary>
        internal static object Describe(JsonValue value)
        {
            switch (value)
            {
                case JsonString s:
                    return "\"" + JsonPath.Excerpt(s.Value).Replace("\"", "\\\"") + "\"";
                case JsonNumber n:
                    return n.Text.Length > 40 ? n.Text.Substring(0, 40) + "..." : n.Text;
                case JsonObject _:
                    return Phrase.Of(TextKey.SettingsFoundObject);
                case JsonArray _:
                    return Phrase.Of(TextKey.SettingsFoundArray);
                default:
                    return value.Kind == JsonValueKind.True ? "true" : value.Kind == JsonValueKind.False ? "false" : "null";
            }
        }
    }
}
