using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Advocacy.Sandbox.Query;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// An in-memory Dataverse: a row store with transactions and row locks, metadata from the solution
    /// folder, the query engine, and the plug-in pipeline driven by the registration attributes. Tests,
    /// benchmarks and the demo talk to it through <see cref="IOrganizationService"/> exactly as they would
    /// talk to an environment, and read <see cref="Metrics"/> and <see cref="Executions"/> to see the cost.
    /// </summary>
    public sealed partial class DataverseSandbox
    {
        private readonly ConcurrentQueue<ExecutionRecord> _executions = new();
        private readonly ConcurrentQueue<AsyncJob> _asyncQueue = new();
        private readonly ConcurrentQueue<AsyncJob> _asyncDone = new();
        private long _version;

        /// <summary>A sandbox with the built-in standard tables and, when given, the solution's tables.</summary>
        public DataverseSandbox(string? solutionFolder = null)
            : this(SandboxMetadata.FromSolution(solutionFolder))
        {
        }

        public DataverseSandbox(SandboxMetadata metadata)
        {
            Metadata = metadata;
            Store = new RowStore();
            Engine = new MessageEngine(this);
            Security = new SandboxSecurity(this);
            Regional = new Regional.SandboxRegional(this);
            Regional.SeedOrganization(OrganizationId, OrganizationName);
            SeedOrganization();
            // The default caller is an administrator: it keeps passing every check when Security.Enforce is on.
            Security.AssignRole(AdminUserId, SecurityRole.SystemAdministratorName);
        }

        /// <summary>
        /// A sandbox reading the repository's solutions (found by walking up from the test binaries): solution/ and
        /// its extensions, as an environment with both imported has them.
        /// </summary>
        public static DataverseSandbox ForRepository() => new(SandboxMetadata.FromSolutions(WithExtensions(FindSolutionFolder())));

        /// <summary>
        /// The core solution folder followed by its extensions: the folders named <c>{core}-*</c> beside it that hold an
        /// unpacked solution (solution-sales/ beside solution/), in name order. Empty for null.
        /// </summary>
        public static IReadOnlyList<string> WithExtensions(string? coreFolder)
        {
            if (coreFolder == null)
            {
                return Array.Empty<string>();
            }

            var core = new DirectoryInfo(coreFolder);
            var folders = new List<string> { core.FullName };
            if (core.Parent != null)
            {
                folders.AddRange(core.Parent.EnumerateDirectories(core.Name + "-*")
                    .Where(d => File.Exists(Path.Combine(d.FullName, "Other", "Solution.xml")))
                    .Select(d => d.FullName)
                    .OrderBy(f => f, StringComparer.Ordinal));
            }

            return folders;
        }

        public SandboxClock Clock { get; } = new();
        public SandboxMetadata Metadata { get; }
        public StepRegistry Steps { get; } = new();
        public SandboxMetrics Metrics { get; } = new();

        /// <summary>
        /// Security roles, business units and teams; off unless <see cref="SandboxSecurity.Enforce"/> is set, so that by
        /// default every caller may do anything, as before.
        /// </summary>
        public SandboxSecurity Security { get; }

        /// <summary>Time zones, user settings and currencies (issue 12): see <see cref="Regional.SandboxRegional"/>.</summary>
        public Regional.SandboxRegional Regional { get; }

        public Guid OrganizationId { get; } = new("0a0a0a0a-0000-4000-8000-000000000001");
        public string OrganizationName { get; } = "sandbox";
        public Guid BusinessUnitId { get; } = new("0a0a0a0a-0000-4000-8000-000000000002");

        /// <summary>The SYSTEM user: what CreateOrganizationService(null) runs as.</summary>
        public Guid SystemUserId { get; } = new("0a0a0a0a-0000-4000-8000-000000000003");

        /// <summary>The default caller of <see cref="Service"/>: an administrator.</summary>
        public Guid AdminUserId { get; } = new("0a0a0a0a-0000-4000-8000-000000000004");

        /// <summary>Nested calls deeper than this fail with the platform's infinite-loop fault (platform: 8).</summary>
        public int MaxDepth { get; set; } = 8;

        /// <summary>How long a write waits for a row locked by another transaction before failing as a deadlock.</summary>
        public TimeSpan LockTimeout
        {
            get => Store.Locks.Timeout;
            set => Store.Locks.Timeout = value;
        }

        /// <summary>The service as the administrator; use <see cref="CreateService"/> for another user.</summary>
        public IOrganizationService Service => CreateService(AdminUserId);

        /// <summary>Every step execution since the last <see cref="ClearExecutions"/>, in start order.</summary>
        public IReadOnlyList<ExecutionRecord> Executions => _executions.ToArray();

        /// <summary>Asynchronous steps queued by committed operations and not yet run.</summary>
        public int PendingAsyncJobs => _asyncQueue.Count;

        /// <summary>The asynchronous jobs waiting to run, in queue order (a test can tell one step's jobs from another's).</summary>
        public IReadOnlyList<AsyncJob> PendingAsync => _asyncQueue.ToArray();

        /// <summary>Asynchronous jobs that have run (succeeded or failed).</summary>
        public IReadOnlyList<AsyncJob> CompletedAsyncJobs => _asyncDone.ToArray();

        /// <summary>The posts plug-ins made to service endpoints (<c>IServiceEndpointNotificationService</c>), in order.</summary>
        public IReadOnlyList<ServiceEndpointPost> ServiceEndpointPosts => _endpointPosts.ToArray();

        /// <summary>
        /// What a service endpoint answers a post (a two-way or REST endpoint's reply string); unset, every post answers null,
        /// as a one-way queue endpoint does. It runs on the posting plug-in's thread; an exception it throws reaches the plug-in.
        /// </summary>
        public Func<EntityReference, IExecutionContext, string?>? ServiceEndpointResponder { get; set; }

        private readonly ConcurrentQueue<ServiceEndpointPost> _endpointPosts = new();

        internal void RecordServiceEndpointPost(ServiceEndpointPost post) => _endpointPosts.Enqueue(post);

        internal RowStore Store { get; }

        /// <summary>Where new rows get their ids.</summary>
        internal RowIds RowIds { get; } = new();
        internal MessageEngine Engine { get; }

        public IOrganizationService CreateService(Guid userId) => new SandboxOrganizationService(this, CallerContext.ForTest(userId));

        /// <summary>
        /// Rows come back to the test's services (<see cref="Service"/>, <see cref="CreateService"/>) as the early-bound
        /// classes in <paramref name="assembly"/> — classes derived from Entity marked <c>[EntityLogicalName]</c> — as the SDK
        /// client's <c>EnableProxyTypes(assembly)</c> does: Retrieve's row, a query's rows, the rows in a batch's responses and
        /// in a Custom API's outputs; tables without a class stay Entity. FakeXrmEasy: <c>ProxyTypesAssembly</c>. A plug-in's
        /// own calls follow the platform's rule instead: early-bound when the plug-in's assembly carries
        /// <c>[assembly: ProxyTypesAssembly]</c>. Enabling several assemblies adds them (a later one wins for a table both have).
        /// </summary>
        public void EnableProxyTypes(System.Reflection.Assembly assembly)
        {
            ArgumentNullException.ThrowIfNull(assembly);
            var types = EarlyBoundTypes.Of(assembly);
            if (types.IsEmpty)
            {
                throw new ArgumentException($"{assembly.GetName().Name} has no early-bound entity classes (classes derived from Entity marked [EntityLogicalName]).", nameof(assembly));
            }
            ProxyTypes = ProxyTypes.With(types);
        }

        /// <summary>The same for every loaded assembly that carries <c>[assembly: ProxyTypesAssembly]</c> (the SDK client's <c>EnableProxyTypes()</c>).</summary>
        public void EnableProxyTypes()
        {
            var marked = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && EarlyBoundTypes.IsProxyTypesAssembly(a)).ToList();
            if (marked.Count == 0)
            {
                throw new InvalidOperationException("No loaded assembly carries [assembly: ProxyTypesAssembly]: name the assembly of your early-bound classes with EnableProxyTypes(assembly).");
            }
            foreach (var assembly in marked)
            {
                ProxyTypes = ProxyTypes.With(EarlyBoundTypes.Of(assembly));
            }
        }

        /// <summary>The early-bound classes the test's services hand rows back as (none until <see cref="EnableProxyTypes(System.Reflection.Assembly)"/>).</summary>
        internal EarlyBoundTypes ProxyTypes { get; private set; } = EarlyBoundTypes.None;

        /// <summary>
        /// The service server-side code gets — a custom workflow activity (Microsoft Learn,
        /// IOrganizationServiceFactory.CreateOrganizationService: "When called in a custom workflow activity, all service
        /// calls are made in the IWorkflowExecutionContext.UserId context"), or a test standing in for a plug-in: calls as
        /// the user, one level below the request that started the work, as the platform raises Depth for every request
        /// "a running plug-in or workflow issues" (IExecutionContext.Depth) — so its writes reach steps at depth 2.
        /// </summary>
        public IOrganizationService CreateNestedService(Guid userId) => new SandboxOrganizationService(this, new CallerContext(userId, userId, 1, null, null, null, Guid.Empty));

        /// <summary>The administrator's <see cref="CreateNestedService"/>: for tests that run a use case or a data class directly, as the product's own code.</summary>
        public IOrganizationService NestedService => CreateNestedService(AdminUserId);

        /// <summary>Registers every plug-in step and Custom API the assembly declares by attribute.</summary>
        public void RegisterPluginAssembly(Assembly assembly) => RegistrationAdapter.Register(assembly, Steps);

        /// <summary>
        /// Registers only the given plug-in classes (their assembly's other plug-ins are ignored), so a test
        /// can run its own small plug-ins without the rest of the test assembly's.
        /// </summary>
        public void RegisterPlugins(params Type[] pluginTypes)
        {
            foreach (var group in pluginTypes.GroupBy(t => t.Assembly))
            {
                var wanted = new HashSet<Type>(group);
                RegistrationAdapter.Register(group.Key, Steps, wanted.Contains);
            }
        }

        public void ClearExecutions()
        {
            while (_executions.TryDequeue(out _))
            {
            }
        }

        /// <summary>
        /// Runs the queued asynchronous steps (and any they queue in turn) on this thread, each outside any
        /// transaction as the async service does. Returns how many ran. A failed job is recorded; with
        /// <paramref name="throwOnFailure"/> the first failure is rethrown after the queue is drained.
        /// </summary>
        public int RunAsyncJobs(bool throwOnFailure = true)
        {
            int ran = 0;
            Exception? first = null;
            while (_asyncQueue.TryDequeue(out var job))
            {
                ran++;
                try
                {
                    job.Execution = Engine.RunStep(job.Context, job.Step, null);
                    job.Status = AsyncJobStatus.Succeeded;
                }
                catch (SandboxFaultException e)
                {
                    job.Status = AsyncJobStatus.Failed;
                    job.Error = e.Message;
                    first ??= e;
                }
                _asyncDone.Enqueue(job);
            }
            if (first != null && throwOnFailure)
            {
                throw first;
            }
            return ran;
        }

        /// <summary>Committed rows of a table (copies), in insertion order — for assertions, not a round trip.</summary>
        public IReadOnlyList<Entity> Rows(string logicalName) => Store.Scan(null, logicalName).Select(e => EntityCloner.Clone(e)).ToList();

        /// <summary>One committed row (a copy) or null — for assertions, not a round trip.</summary>
        public Entity? Row(string logicalName, Guid id) => Store.Read(null, logicalName, id) is { } row ? EntityCloner.Clone(row) : null;

        public int Count(string logicalName) => Store.Count(logicalName);

        internal void AddExecution(ExecutionRecord record) => _executions.Enqueue(record);

        internal void EnqueueAsync(IEnumerable<AsyncJob> jobs)
        {
            foreach (var job in jobs)
            {
                _asyncQueue.Enqueue(job);
            }
        }

        /// <param name="readableRows">Which rows of each table the caller may read (the security model's, null when it does not apply).</param>
        internal EntityCollection RunQuery(ITableSource source, QueryBase query, Guid userId, Func<string, Func<object, bool>?>? readableRows = null) =>
            new QueryEngine(source, () => Clock.UtcNow, () => userId, () => BusinessUnitOf(null, userId))
            {
                AggregateRecordLimit = AggregateRecordLimit,
                UserZone = Regional.ZoneOf(userId),
                IsUserLocal = (table, column) => Metadata.Table(table)?.Column(column)?.DateBehavior is null or DateBehavior.UserLocal,
                ReadableRows = readableRows,
            }.RetrieveMultiple(query);

        /// <summary>A user's business unit (systemuser.businessunitid), the root one when the user has none.</summary>
        internal Guid BusinessUnitOf(Transaction? tx, Guid userId) =>
            (Store.ReadValue(tx, "systemuser", userId, "businessunitid") as EntityReference)?.Id ?? BusinessUnitId;

        /// <summary>
        /// Rows an aggregate query may touch before it fails as on the platform (50,000); raise it to
        /// benchmark aggregates over larger tables.
        /// </summary>
        public int AggregateRecordLimit { get; set; } = 50000;

        /// <summary>Fills what the platform sets on a new row: audit columns, owner, state, the primary id.</summary>
        internal void ApplyCreateDefaults(NewRow row, Guid id, Guid userId, DateTime now)
        {
            var table = Metadata.Table(row.LogicalName);
            bool Has(string column) => table == null || table.HasColumn(column);
            // Stored values are never changed in place (every read copies them out), so one box and one reference can
            // stand in several columns, and in several rows.
            var user = UserReference(userId);
            object when = now;
            row.Id = id;
            row.Set(Metadata.PrimaryIdAttribute(row.LogicalName), id);
            row.Set("createdon", row.Get<DateTime?>("overriddencreatedon") ?? when);
            row.Set("modifiedon", when);
            row.Set("createdby", user);
            row.Set("modifiedby", user);
            if (Has("ownerid") && !row.Contains("ownerid"))
            {
                row.Set("ownerid", user);
            }
            if (Has("owningbusinessunit") && !row.Contains("owningbusinessunit"))
            {
                row.Set("owningbusinessunit", _businessUnit ??= new EntityReference("businessunit", BusinessUnitId));
            }
            if (Has("statecode") && row.Get<OptionSetValue>("statecode") == null)
            {
                row.Set("statecode", Active);
            }
            if (Has("statuscode") && row.Get<OptionSetValue>("statuscode") == null)
            {
                row.Set("statuscode", DefaultStatus);
            }
            row.Set("versionnumber", Interlocked.Increment(ref _version));
        }

        // Shared by the rows that take them (see above). A race between two creates only makes one more instance.
        private EntityReference? _lastUser;
        private EntityReference? _businessUnit;
        private readonly OptionSetValue Active = new(0);
        private readonly OptionSetValue DefaultStatus = new(1);

        /// <summary>Columns a create may add to the caller's (the system columns above, a currency, its rate, base amounts).</summary>
        internal int CreateRoom(string table) => 12 + (Metadata.Table(table)?.Derived.Money.Length ?? 0);

        internal void ApplyUpdateDefaults(IRowColumns row, Guid userId, DateTime now)
        {
            row.Set("modifiedon", now);
            row.Set("modifiedby", UserReference(userId));
            row.Set("versionnumber", Interlocked.Increment(ref _version));
        }

        // The reference a write stores for its user, shared by the rows that take it (see ApplyCreateDefaults).
        private EntityReference UserReference(Guid userId) =>
            _lastUser is { } last && last.Id == userId ? last : _lastUser = new EntityReference("systemuser", userId);

        /// <summary>Adds what Retrieve returns beside values: choice labels and lookup names.</summary>
        internal void Decorate(Entity row, Transaction? tx)
        {
            // Only values and formatted values change here, never the set of attributes: no snapshot of them is needed.
            foreach (var pair in row.Attributes)
            {
                switch (pair.Value)
                {
                    case OptionSetValue o when Metadata.ChoiceLabel(row.LogicalName, pair.Key, o.Value) is { } label:
                        row.FormattedValues[pair.Key] = label;
                        break;
                    case EntityReference r when r.Name == null && Metadata.Table(r.LogicalName)?.PrimaryNameAttribute is { } nameColumn:
                        r.Name = Store.ReadValue(tx, r.LogicalName, r.Id, nameColumn) as string;
                        break;
                }
            }
        }

        /// <summary>Inserts rows directly (no pipeline, no round trip), in one transaction.</summary>
        internal void Insert(IEnumerable<Entity> rows, Guid userId, bool keepAuditColumns)
        {
            var tx = new Transaction();
            var core = new CoreOperations(this);
            try
            {
                foreach (var source in rows)
                {
                    // Seeded rows are data already in the environment: typed and within their choices, but not held to
                    // the columns' current limits (an import or an older definition can have left other values).
                    Metadata.ValidateWrite(source, checkLimits: false);
                    if (!Metadata.TableExists(source.LogicalName))
                    {
                        throw Faults.UnknownEntity(source.LogicalName);
                    }
                    var row = NewRow.From(source, copyValues: true, CreateRoom(source.LogicalName), Store.Table(source.LogicalName).LastShape);
                    string pid = Metadata.PrimaryIdAttribute(row.LogicalName);
                    Guid id = row.Id != Guid.Empty ? row.Id : row.Get<Guid?>(pid) ?? RowIds.Next();
                    DateTime now = Clock.UtcNow;
                    var createdOn = keepAuditColumns ? row.Get<DateTime?>("createdon") : null;
                    var modifiedOn = keepAuditColumns ? row.Get<DateTime?>("modifiedon") : null;
                    var createdBy = keepAuditColumns ? row.Get<EntityReference>("createdby") : null;
                    var modifiedBy = keepAuditColumns ? row.Get<EntityReference>("modifiedby") : null;
                    ApplyCreateDefaults(row, id, userId, now);
                    // Seeded history keeps who did it too (e.g. "a task the advocate created").
                    if (createdBy != null)
                    {
                        row.Set("createdby", createdBy);
                    }
                    if (modifiedBy != null || createdBy != null)
                    {
                        row.Set("modifiedby", modifiedBy ?? createdBy);
                    }
                    // Seeded history: a test may backdate createdon (e.g. "an inconvenience 40 days ago").
                    if (createdOn != null)
                    {
                        row.Set("createdon", createdOn.Value);
                    }
                    if (modifiedOn != null || createdOn != null)
                    {
                        row.Set("modifiedon", modifiedOn ?? createdOn!.Value);
                    }
                    core.Insert(tx, row);
                    source.Id = id;
                }
                Store.Commit(tx);
            }
            catch
            {
                Store.Rollback(tx);
                throw;
            }
        }

        /// <summary>
        /// Changes (or, with a null change, deletes) a committed row directly: no pipeline, no round trip.
        /// For test set-up only.
        /// </summary>
        internal void WriteDirect(string logicalName, Guid id, Action<Entity>? change)
        {
            var tx = new Transaction();
            try
            {
                Store.Lock(tx, logicalName, id);
                var current = Store.Read(tx, logicalName, id) ?? throw Faults.DoesNotExist(logicalName, id);
                Entity? row = null;
                if (change != null)
                {
                    row = EntityCloner.Clone(current);
                    change(row);
                    Metadata.ValidateWrite(row, checkLimits: false);
                }
                tx.Write(logicalName, id, row, created: false);
                Store.Commit(tx);
            }
            catch
            {
                Store.Rollback(tx);
                throw;
            }
        }

        private void SeedOrganization()
        {
            var bu = new Entity("businessunit", BusinessUnitId) { ["name"] = "sandbox" };
            var system = new Entity("systemuser", SystemUserId) { ["fullname"] = "SYSTEM", ["businessunitid"] = new EntityReference("businessunit", BusinessUnitId), ["isdisabled"] = false };
            var admin = new Entity("systemuser", AdminUserId) { ["fullname"] = "Sandbox Admin", ["businessunitid"] = new EntityReference("businessunit", BusinessUnitId), ["isdisabled"] = false };
            Insert(new[] { bu, system, admin }, SystemUserId, keepAuditColumns: false);
        }

        /// <summary>The repository's solution/ folder: the nearest ancestor of the binaries that has one.</summary>
        public static string? FindSolutionFolder(string? startDirectory = null)
        {
            for (var dir = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "solution");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Advocacy.Plugins.sln")))
                {
                    return candidate;
                }
            }
            return null;
        }
    }
}
