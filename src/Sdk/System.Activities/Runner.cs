using System.Activities.Hosting;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace System.Activities
{
    internal static class ActivityRunner
    {
        internal static IDictionary<string, object> Run(Activity workflow, IDictionary<string, object> inputs, WorkflowInstanceExtensionManager extensions)
        {
            var activity = workflow as CodeActivity
                ?? throw new NotSupportedException($"The offline System.Activities runs CodeActivity only, not {workflow.GetType()}.");

            var arguments = BindArguments(activity);
            var unknown = inputs.Keys.Where(key => !arguments.Any(a => a.Name == key && a.Argument is InArgument)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException(
                    $"The values provided for the root activity's arguments did not satisfy the root activity's requirements: the following keys from the input dictionary do not map to in-arguments and must be removed: {string.Join(", ", unknown)}.",
                    nameof(inputs));
            }

            var values = new Dictionary<Argument, object>();
            foreach (var (name, argument, required) in arguments)
            {
                object value;
                if (argument is InArgument && inputs.TryGetValue(name, out object input))
                {
                    value = Argument.CheckValue(argument.ArgumentType, input, $"value for in-argument '{name}'");
                }
                else if (argument.HasConstant)
                {
                    value = argument.Constant;
                }
                else if (required)
                {
                    throw new ArgumentException($"Value for a required activity argument '{name}' was not supplied.", nameof(inputs));
                }
                else
                {
                    value = argument.DefaultValue();
                }

                values[argument] = value;
            }

            var instances = extensions.CreateInstanceExtensions();
            object FindExtension(Type type) => instances.FirstOrDefault(type.IsInstanceOfType);

            var context = new CodeActivityContext(values, FindExtension);
            try
            {
                activity.RunExecute(context);
            }
            finally
            {
                context.Complete();
            }

            var outputs = new Dictionary<string, object>();
            foreach (var (name, argument, _) in arguments)
            {
                if (argument is OutArgument)
                {
                    outputs[name] = values[argument];
                }
            }

            return outputs;
        }

        // The runtime creates an argument for an unset argument property, so Get/Set work on every declared
        // argument; we do the same.
        private static List<(string Name, Argument Argument, bool Required)> BindArguments(Activity activity)
        {
            var result = new List<(string, Argument, bool)>();
            foreach (var property in activity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!typeof(Argument).IsAssignableFrom(property.PropertyType) || !property.CanRead || property.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                var argument = (Argument)property.GetValue(activity);
                if (argument == null)
                {
                    if (!property.CanWrite || property.PropertyType.IsAbstract)
                    {
                        continue;
                    }

                    argument = (Argument)Activator.CreateInstance(property.PropertyType);
                    property.SetValue(activity, argument);
                }

                result.Add((property.Name, argument, property.IsDefined(typeof(RequiredArgumentAttribute), true)));
            }

            return result;
        }
    }
}
