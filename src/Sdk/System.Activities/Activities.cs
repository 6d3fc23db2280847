using System.Activities.Hosting;
using System.Collections.Generic;

// A small stand-in for .NET Framework's System.Activities, compiled for net10.0 only, so that tests can run
// the product's custom workflow activities the way the platform's workflow host does: arguments bound by
// property name, extensions from the host, outputs read back after Execute. Every public member here exists
// with the same signature in .NET Framework 4.6.2's System.Activities (the net462 build uses that one), so
// code that compiles against this compiles against the real thing. Only CodeActivity is supported: that is
// the only kind of activity Dataverse lets a plug-in assembly register.
namespace System.Activities
{
    public enum ArgumentDirection
    {
        In = 0,
        Out = 1,
        InOut = 2,
    }

    public abstract class Activity
    {
        private string _displayName;

        protected Activity()
        {
        }

        public string DisplayName
        {
            get { return _displayName ?? GetType().Name; }
            set { _displayName = value; }
        }
    }

    public abstract class CodeActivity : Activity
    {
        protected CodeActivity()
        {
        }

        protected abstract void Execute(CodeActivityContext context);

        internal void RunExecute(CodeActivityContext context) => Execute(context);
    }

    /// <summary>What an activity sees while it runs: its argument values and the host's extensions.</summary>
    public class ActivityContext
    {
        private readonly Dictionary<Argument, object> _values;
        private readonly Func<Type, object> _findExtension;
        private bool _completed;

        internal ActivityContext(Dictionary<Argument, object> values, Func<Type, object> findExtension)
        {
            _values = values;
            _findExtension = findExtension;
        }

        /// <summary>The host extension assignable to <typeparamref name="T"/>, or null when none was registered.</summary>
        public T GetExtension<T>()
            where T : class
        {
            ThrowIfCompleted();
            return (T)_findExtension(typeof(T));
        }

        public T GetValue<T>(InArgument<T> argument) => (T)GetValue((Argument)argument);

        public T GetValue<T>(OutArgument<T> argument) => (T)GetValue((Argument)argument);

        public object GetValue(Argument argument)
        {
            ThrowIfCompleted();
            if (argument == null)
            {
                throw new ArgumentNullException(nameof(argument));
            }

            if (!_values.TryGetValue(argument, out object value))
            {
                throw new InvalidOperationException("The argument is not one of the running activity's arguments; read arguments through the activity's own properties.");
            }

            return value;
        }

        public void SetValue<T>(InArgument<T> argument, T value) => SetValue((Argument)argument, value);

        public void SetValue<T>(OutArgument<T> argument, T value) => SetValue((Argument)argument, value);

        public void SetValue(Argument argument, object value)
        {
            ThrowIfCompleted();
            if (argument == null)
            {
                throw new ArgumentNullException(nameof(argument));
            }

            if (!_values.ContainsKey(argument))
            {
                throw new InvalidOperationException("The argument is not one of the running activity's arguments; set arguments through the activity's own properties.");
            }

            _values[argument] = Argument.CheckValue(argument.ArgumentType, value, "value");
        }

        // As in the workflow runtime, a context is only valid while Execute runs; keeping it is a bug.
        internal void Complete() => _completed = true;

        private void ThrowIfCompleted()
        {
            if (_completed)
            {
                throw new ObjectDisposedException(GetType().Name, "An activity context is only valid while its activity executes.");
            }
        }
    }

    public class CodeActivityContext : ActivityContext
    {
        internal CodeActivityContext(Dictionary<Argument, object> values, Func<Type, object> findExtension)
            : base(values, findExtension)
        {
        }
    }

    public abstract class Argument
    {
        internal Argument(Type argumentType, ArgumentDirection direction)
        {
            ArgumentType = argumentType;
            Direction = direction;
        }

        public Type ArgumentType { get; internal set; }

        public ArgumentDirection Direction { get; internal set; }

        internal bool HasConstant { get; set; }

        internal object Constant { get; set; }

        public object Get(ActivityContext context) => RequireContext(context).GetValue(this);

        public T Get<T>(ActivityContext context) => (T)Get(context);

        public void Set(ActivityContext context, object value) => RequireContext(context).SetValue(this, value);

        internal static object CheckValue(Type type, object value, string what)
        {
            if (value == null)
            {
                if (type.IsValueType && Nullable.GetUnderlyingType(type) == null)
                {
                    throw new ArgumentException($"A null {what} cannot be assigned to an argument of type {type}.");
                }

                return null;
            }

            if (!type.IsInstanceOfType(value))
            {
                throw new ArgumentException($"A {what} of type {value.GetType()} cannot be assigned to an argument of type {type}.");
            }

            return value;
        }

        internal object DefaultValue() => ArgumentType.IsValueType ? Activator.CreateInstance(ArgumentType) : null;

        private static ActivityContext RequireContext(ActivityContext context) => context ?? throw new ArgumentNullException(nameof(context));
    }

    public abstract class InArgument : Argument
    {
        internal InArgument(Type argumentType)
            : base(argumentType, ArgumentDirection.In)
        {
        }
    }

    public abstract class OutArgument : Argument
    {
        internal OutArgument(Type argumentType)
            : base(argumentType, ArgumentDirection.Out)
        {
        }
    }

    public sealed class InArgument<T> : InArgument
    {
        public InArgument()
            : base(typeof(T))
        {
        }

        /// <summary>An argument whose value is <paramref name="constValue"/> unless the host supplies an input.</summary>
        public InArgument(T constValue)
            : this()
        {
            HasConstant = true;
            Constant = constValue;
        }

        public new T Get(ActivityContext context) => base.Get<T>(context);

        public void Set(ActivityContext context, T value) => base.Set(context, value);

        public static implicit operator InArgument<T>(T constValue) => new InArgument<T>(constValue);
    }

    public sealed class OutArgument<T> : OutArgument
    {
        public OutArgument()
            : base(typeof(T))
        {
        }

        public new T Get(ActivityContext context) => base.Get<T>(context);

        public void Set(ActivityContext context, T value) => base.Set(context, value);
    }

    /// <summary>An input without which the activity must not run.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class RequiredArgumentAttribute : Attribute
    {
    }

    /// <summary>Runs an activity synchronously on the calling thread, as the real WorkflowInvoker does.</summary>
    public sealed class WorkflowInvoker
    {
        private readonly Activity _workflow;

        public WorkflowInvoker(Activity workflow)
        {
            _workflow = workflow ?? throw new ArgumentNullException(nameof(workflow));
            Extensions = new WorkflowInstanceExtensionManager();
        }

        public WorkflowInstanceExtensionManager Extensions { get; }

        public static IDictionary<string, object> Invoke(Activity workflow) => new WorkflowInvoker(workflow).Invoke();

        public static IDictionary<string, object> Invoke(Activity workflow, IDictionary<string, object> inputs) =>
            new WorkflowInvoker(workflow).Invoke(inputs);

        public IDictionary<string, object> Invoke() => Invoke((IDictionary<string, object>)null);

        /// <summary>
        /// Binds <paramref name="inputs"/> to the activity's in-arguments by property name, runs it, and returns
        /// its out-arguments by property name. Exceptions from the activity propagate unchanged.
        /// </summary>
        public IDictionary<string, object> Invoke(IDictionary<string, object> inputs) =>
            ActivityRunner.Run(_workflow, inputs ?? new Dictionary<string, object>(), Extensions);
    }
}
