using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Xrm.Sdk.PluginTelemetry;

namespace Advocacy.Sandbox
{
    /// <summary>One telemetry entry of a step: a log line (with its level), a metric or a custom property.</summary>
    /// <param name="Kind">"log", "metric", "property" or "activity" (an <c>Execute</c>/<c>ExecuteAsync</c> block).</param>
    /// <param name="Level">The log level; Information for the other kinds.</param>
    /// <param name="Message">The message with its placeholders filled, the metric's or property's or activity's name.</param>
    /// <param name="EventId">The event id a log line gave, else null.</param>
    /// <param name="Exception">The exception a log line carried, else null.</param>
    /// <param name="Value">A metric's value or a property's value, else null.</param>
    public sealed record TelemetryEntry(string Kind, LogLevel Level, string Message, int? EventId, Exception? Exception, string? Value);

    /// <summary>
    /// The telemetry logger a plug-in gets from its service provider (<c>ILogger</c>, Microsoft Learn: "Logging and
    /// tracing — Application Insights"), recording on the step's <see cref="ExecutionRecord.Telemetry"/>. Messages are
    /// templates as in Microsoft.Extensions.Logging: each <c>{Name}</c> hole takes the next argument in order.
    /// </summary>
    internal sealed class PluginTelemetryLogger : ILogger
    {
        private readonly ExecutionRecord _record;

        public PluginTelemetryLogger(ExecutionRecord record) => _record = record;

        public IDisposable BeginScope<TState>(TState state) => NoScope.Instance;

        public IDisposable BeginScope(string messageFormat, params object[] args) => NoScope.Instance;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception exception, Func<TState, Exception, string> formatter) =>
            Add(logLevel, eventId, exception, formatter != null ? formatter(state, exception) : Convert.ToString(state, CultureInfo.InvariantCulture) ?? "");

        public void Log(LogLevel logLevel, EventId eventId, Exception exception, string message, params object[] args) => Add(logLevel, eventId, exception, Format(message, args));

        public void Log(LogLevel logLevel, EventId eventId, string message, params object[] args) => Add(logLevel, eventId, null, Format(message, args));

        public void Log(LogLevel logLevel, Exception exception, string message, params object[] args) => Add(logLevel, null, exception, Format(message, args));

        public void Log(LogLevel logLevel, string message, params object[] args) => Add(logLevel, null, null, Format(message, args));

        public void LogCritical(EventId eventId, Exception exception, string message, params object[] args) => Log(LogLevel.Critical, eventId, exception, message, args);

        public void LogCritical(EventId eventId, string message, params object[] args) => Log(LogLevel.Critical, eventId, message, args);

        public void LogCritical(Exception exception, string message, params object[] args) => Log(LogLevel.Critical, exception, message, args);

        public void LogCritical(string message, params object[] args) => Log(LogLevel.Critical, message, args);

        public void LogDebug(EventId eventId, Exception exception, string message, params object[] args) => Log(LogLevel.Debug, eventId, exception, message, args);

        public void LogDebug(EventId eventId, string message, params object[] args) => Log(LogLevel.Debug, eventId, message, args);

        public void LogDebug(Exception exception, string message, params object[] args) => Log(LogLevel.Debug, exception, message, args);

        public void LogDebug(string message, params object[] args) => Log(LogLevel.Debug, message, args);

        public void LogError(EventId eventId, Exception exception, string message, params object[] args) => Log(LogLevel.Error, eventId, exception, message, args);

        public void LogError(EventId eventId, string message, params object[] args) => Log(LogLevel.Error, eventId, message, args);

        public void LogError(Exception exception, string message, params object[] args) => Log(LogLevel.Error, exception, message, args);

        public void LogError(string message, params object[] args) => Log(LogLevel.Error, message, args);

        public void LogInformation(EventId eventId, Exception exception, string message, params object[] args) => Log(LogLevel.Information, eventId, exception, message, args);

        public void LogInformation(EventId eventId, string message, params object[] args) => Log(LogLevel.Information, eventId, message, args);

        public void LogInformation(Exception exception, string message, params object[] args) => Log(LogLevel.Information, exception, message, args);

        public void LogInformation(string message, params object[] args) => Log(LogLevel.Information, message, args);

        public void LogTrace(EventId eventId, Exception exception, string message, params object[] args) => Log(LogLevel.Trace, eventId, exception, message, args);

        public void LogTrace(EventId eventId, string message, params object[] args) => Log(LogLevel.Trace, eventId, message, args);

        public void LogTrace(Exception exception, string message, params object[] args) => Log(LogLevel.Trace, exception, message, args);

        public void LogTrace(string message, params object[] args) => Log(LogLevel.Trace, message, args);

        public void LogWarning(EventId eventId, Exception exception, string message, params object[] args) => Log(LogLevel.Warning, eventId, exception, message, args);

        public void LogWarning(EventId eventId, string message, params object[] args) => Log(LogLevel.Warning, eventId, message, args);

        public void LogWarning(Exception exception, string message, params object[] args) => Log(LogLevel.Warning, exception, message, args);

        public void LogWarning(string message, params object[] args) => Log(LogLevel.Warning, message, args);

        public void LogMetric(string metricName, long value) => LogMetric(metricName, null, value);

        public void LogMetric(string metricName, IDictionary<string, string>? metricDimensions, long value)
        {
            string dimensions = metricDimensions == null || metricDimensions.Count == 0 ? "" :
                " [" + string.Join(", ", metricDimensions.Select(d => d.Key + "=" + d.Value)) + "]";
            _record.AddTelemetry(new TelemetryEntry("metric", LogLevel.Information, metricName + dimensions, null, null, value.ToString(CultureInfo.InvariantCulture)));
        }

        public void AddCustomProperty(string propertyName, string propertyValue) =>
            _record.AddTelemetry(new TelemetryEntry("property", LogLevel.Information, propertyName, null, null, propertyValue));

        // The block runs as the plug-in's own code: its exception reaches the plug-in unchanged.
        public void Execute(string activityName, Action action, IEnumerable<KeyValuePair<string, string>>? additionalCustomProperties = null)
        {
            _record.AddTelemetry(new TelemetryEntry("activity", LogLevel.Information, activityName, null, null, null));
            action();
        }

        public Task ExecuteAsync(string activityName, Func<Task> action, IEnumerable<KeyValuePair<string, string>>? additionalCustomProperties = null)
        {
            _record.AddTelemetry(new TelemetryEntry("activity", LogLevel.Information, activityName, null, null, null));
            return action();
        }

        private void Add(LogLevel level, EventId? eventId, Exception? exception, string message) =>
            _record.AddTelemetry(new TelemetryEntry("log", level, message, eventId?.Id, exception, null));

        /// <summary>Fills a message template's holes (<c>{Name}</c>, <c>{0}</c>, with an optional <c>:format</c>) with the arguments in order; <c>{{</c> and <c>}}</c> are braces.</summary>
        internal static string Format(string? template, object?[]? args)
        {
            if (template == null)
            {
                return "";
            }
            var text = new StringBuilder(template.Length);
            int next = 0;
            for (int i = 0; i < template.Length; i++)
            {
                char c = template[i];
                if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
                {
                    text.Append(c);
                    i++;
                    continue;
                }
                int close = c == '{' ? template.IndexOf('}', i + 1) : -1;
                if (close < 0)
                {
                    text.Append(c);
                    continue;
                }
                string hole = template.Substring(i + 1, close - i - 1);
                int colon = hole.IndexOf(':');
                string? format = colon >= 0 ? hole[(colon + 1)..] : null;
                if (args != null && next < args.Length)
                {
                    object? value = args[next++];
                    text.Append(value is IFormattable f ? f.ToString(format, CultureInfo.InvariantCulture) : value?.ToString() ?? "(null)");
                }
                else
                {
                    text.Append('{').Append(hole).Append('}'); // a hole without an argument stays as written
                }
                i = close;
            }
            return text.ToString();
        }

        private sealed class NoScope : IDisposable
        {
            public static readonly NoScope Instance = new();

            public void Dispose()
            {
            }
        }
    }
}
