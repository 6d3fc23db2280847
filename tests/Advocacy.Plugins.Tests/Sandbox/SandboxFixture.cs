using System;
using System.Collections.Generic;
using Advocacy.Sandbox;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>Test-only tables the sandbox tests' own plug-ins work on, so they never depend on the product schema.</summary>
    internal static class SandboxFixture
    {
        public const string Widget = "sbx_widget";
        public const string Note = "sbx_note";
        public const string Counter = "sbx_counter";
        public const string Ticket = "sbx_ticket";

        public static readonly Guid LockRowId = new("5b5b5b5b-0000-4000-8000-00000000000a");
        public static readonly Guid CounterRowId = new("5b5b5b5b-0000-4000-8000-00000000000b");

        /// <summary>A sandbox without the solution folder (built-in standard tables) plus the test tables.</summary>
        public static DataverseSandbox Create(params Type[] plugins)
        {
            var sandbox = new DataverseSandbox((string?)null);
            Declare(sandbox.Metadata);
            sandbox.RegisterPlugins(plugins);
            return sandbox;
        }

        public static void Declare(SandboxMetadata metadata)
        {
            metadata.AddTable(Widget,
                new ColumnMetadata("sbx_name", ColumnType.String),
                new ColumnMetadata("sbx_mode", ColumnType.String),
                new ColumnMetadata("sbx_log", ColumnType.String),
                new ColumnMetadata("sbx_code", ColumnType.String),
                new ColumnMetadata("sbx_count", ColumnType.Integer),
                new ColumnMetadata("sbx_loop", ColumnType.Integer),
                new ColumnMetadata("sbx_amount", ColumnType.Money),
                new ColumnMetadata("sbx_flag", ColumnType.Boolean),
                new ColumnMetadata("sbx_kind", ColumnType.Choice, options: new Dictionary<int, string> { [1] = "Small", [2] = "Large" }),
                new ColumnMetadata("sbx_parentid", ColumnType.Lookup, new[] { Widget }))
                .AlternateKeys["sbx_codekey"] = new[] { "sbx_code" };
            metadata.AddTable(Note,
                new ColumnMetadata("sbx_name", ColumnType.String),
                new ColumnMetadata("sbx_info", ColumnType.String),
                new ColumnMetadata("sbx_widgetid", ColumnType.Lookup, new[] { Widget }));
            metadata.AddTable(Counter, new ColumnMetadata("sbx_value", ColumnType.Integer), new ColumnMetadata("sbx_name", ColumnType.String));
            metadata.AddTable(Ticket, new ColumnMetadata("sbx_name", ColumnType.String));
        }
    }
}
