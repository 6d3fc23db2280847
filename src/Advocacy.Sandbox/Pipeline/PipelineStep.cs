using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>Where a step runs in the pipeline (the platform's stage numbers).</summary>
    public enum PipelineStage
    {
        PreValidation = 10,
        PreOperation = 20,
        MainOperation = 30,
        PostOperation = 40,
    }

    /// <summary>A registered entity image: alias, pre/post/both, and the columns it carries (empty = all).</summary>
    public sealed class StepImage
    {
        public StepImage(string alias, bool pre, bool post, IReadOnlyCollection<string> attributes)
        {
            Alias = alias;
            IsPre = pre;
            IsPost = post;
            Attributes = attributes;
        }

        public string Alias { get; }
        public bool IsPre { get; }
        public bool IsPost { get; }
        public IReadOnlyCollection<string> Attributes { get; }
    }

    /// <summary>
    /// One registered step as the sandbox runs it. The plug-in instance is created once, lazily, and then
    /// reused for every execution on every thread — as the platform caches it — so a plug-in that keeps
    /// per-execution state in fields shows its bug here too.
    /// </summary>
    public sealed class PipelineStep
    {
        private readonly Lazy<IPlugin> _instance;

        public PipelineStep(string name, Type pluginType, string message, string? entity, PipelineStage stage, bool isAsync,
            int rank, IEnumerable<string>? filteringAttributes = null, IEnumerable<StepImage>? images = null,
            string? unsecureConfiguration = null, string? secureConfiguration = null)
        {
            Name = name;
            PluginType = pluginType;
            Message = message;
            Entity = string.IsNullOrWhiteSpace(entity) || entity.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : entity.ToLowerInvariant();
            Stage = stage;
            IsAsync = isAsync;
            Rank = rank;
            FilteringAttributes = new HashSet<string>(filteringAttributes ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            Images = (images ?? Array.Empty<StepImage>()).ToList();
            UnsecureConfiguration = unsecureConfiguration;
            SecureConfiguration = secureConfiguration;
            _instance = new Lazy<IPlugin>(CreateInstance, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>A step whose plug-in is an instance made by the sandbox (a message handler's), not a class to construct.</summary>
        internal PipelineStep(string name, IPlugin instance, string message, PipelineStage stage)
            : this(name, instance.GetType(), message, null, stage, false, 1)
        {
            _instance = new Lazy<IPlugin>(() => instance, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public string Name { get; }
        public Type PluginType { get; }
        public string Message { get; }

        /// <summary>The primary table, or null for "any table" (and for global messages).</summary>
        public string? Entity { get; }

        public PipelineStage Stage { get; }
        public bool IsAsync { get; }
        public int Rank { get; }
        public IReadOnlySet<string> FilteringAttributes { get; }
        public IReadOnlyList<StepImage> Images { get; }
        public string? UnsecureConfiguration { get; }
        public string? SecureConfiguration { get; }

        /// <summary>Order of registration, the tie-breaker after rank (the platform's order is not defined).</summary>
        internal int Sequence { get; set; }

        /// <summary>How many times the plug-in class was constructed for this step (1 once it has run).</summary>
        public int InstancesCreated => _instance.IsValueCreated ? 1 : 0;

        internal IPlugin Instance => _instance.Value;

        internal bool Matches(string message, string? entity) =>
            string.Equals(Message, message, StringComparison.OrdinalIgnoreCase) &&
            (Entity == null || string.Equals(Entity, entity, StringComparison.OrdinalIgnoreCase));

        /// <summary>Update steps with filtering attributes fire only when the target carries one of them.</summary>
        internal bool PassesFilter(string message, Entity? target)
        {
            if (FilteringAttributes.Count == 0 || target == null || !message.Equals("Update", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            return target.Attributes.Keys.Any(FilteringAttributes.Contains);
        }

        // The platform passes (unsecure, secure) to a two-string constructor, else unsecure to a one-string
        // constructor, else uses the parameterless one.
        private IPlugin CreateInstance()
        {
            var two = PluginType.GetConstructor(new[] { typeof(string), typeof(string) });
            if (two != null)
            {
                return (IPlugin)two.Invoke(new object?[] { UnsecureConfiguration, SecureConfiguration });
            }
            var one = PluginType.GetConstructor(new[] { typeof(string) });
            if (one != null)
            {
                return (IPlugin)one.Invoke(new object?[] { UnsecureConfiguration });
            }
            try
            {
                return (IPlugin)Activator.CreateInstance(PluginType)!;
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                throw e.InnerException;
            }
        }

        public override string ToString() => $"{Name} [{Message} {Entity ?? "*"} {(int)Stage} {(IsAsync ? "async" : "sync")} rank {Rank}]";
    }
}
