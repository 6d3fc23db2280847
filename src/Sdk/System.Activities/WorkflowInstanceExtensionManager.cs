using System.Collections.Generic;

namespace System.Activities.Hosting
{
    /// <summary>The host's services an activity reaches through <see cref="ActivityContext.GetExtension{T}"/>.</summary>
    public class WorkflowInstanceExtensionManager
    {
        private readonly List<object> _singletons = new List<object>();
        private readonly List<Func<object>> _factories = new List<Func<object>>();

        public WorkflowInstanceExtensionManager()
        {
        }

        public virtual void Add(object singletonExtension)
        {
            _singletons.Add(singletonExtension ?? throw new ArgumentNullException(nameof(singletonExtension)));
        }

        /// <summary>An extension created afresh for every run, as the real host does per workflow instance.</summary>
        public virtual void Add<T>(Func<T> extensionCreationFunction)
            where T : class
        {
            if (extensionCreationFunction == null)
            {
                throw new ArgumentNullException(nameof(extensionCreationFunction));
            }

            _factories.Add(extensionCreationFunction);
        }

        internal List<object> CreateInstanceExtensions()
        {
            var instances = new List<object>(_singletons);
            foreach (var factory in _factories)
            {
                instances.Add(factory());
            }

            return instances;
        }
    }
}
