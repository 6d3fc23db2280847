using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// The class a caller gets back for a message the sandbox answers without a response class of its own (a Custom API,
    /// a message handler, SetState, Assign, the regional and WhoAmI messages). A caller that sent an early-bound request
    /// gets the early-bound response beside it, as the SDK client hands it out, so <c>(WhoAmIResponse)service.Execute(new
    /// WhoAmIRequest())</c> and pac modelbuilder's Custom API classes work: the class in the request's assembly marked
    /// <c>[ResponseProxy("message")]</c> (how generated classes name their message), else the class named like the
    /// request with <c>Response</c> for <c>Request</c> in its namespace (how Microsoft.Crm.Sdk.Proxy names them). A
    /// plain <see cref="OrganizationRequest"/> gets a plain <see cref="OrganizationResponse"/>, as before.
    /// </summary>
    internal static class ResponseTypes
    {
        private const string ResponseProxy = "Microsoft.Xrm.Sdk.Client.ResponseProxyAttribute";

        // Per assembly: the response classes by the message their ResponseProxy attribute names. Assemblies are few and
        // fixed for the life of the process; the scan runs once for each.
        private static readonly ConcurrentDictionary<Assembly, Dictionary<string, Type>> ByAttribute = new();
        private static readonly ConcurrentDictionary<(Type Request, string Message), Type?> Chosen = new();

        public static OrganizationResponse For(OrganizationRequest request, string message)
        {
            var type = request.GetType() == typeof(OrganizationRequest) ? null : Chosen.GetOrAdd((request.GetType(), message), key => Find(key.Request, key.Message));
            var response = type == null ? new OrganizationResponse() : (OrganizationResponse)Activator.CreateInstance(type)!;
            response.ResponseName = message;
            return response;
        }

        private static Type? Find(Type requestType, string message)
        {
            var byAttribute = ByAttribute.GetOrAdd(requestType.Assembly, Scan);
            if (byAttribute.TryGetValue(message, out var marked))
            {
                return marked;
            }
            const string suffix = "Request";
            if (requestType.FullName is { } name && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                var named = requestType.Assembly.GetType(name.Substring(0, name.Length - suffix.Length) + "Response", throwOnError: false);
                if (IsResponseClass(named))
                {
                    return named;
                }
            }
            return null;
        }

        /// <summary>An assembly's types; when some cannot load (a missing dependency), the ones that did.</summary>
        internal static IEnumerable<Type> LoadableTypes(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                return e.Types.Where(t => t != null)!;
            }
        }

        private static Dictionary<string, Type> Scan(Assembly assembly)
        {
            var found = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
            foreach (var type in LoadableTypes(assembly).Where(IsResponseClass))
            {
                foreach (var attribute in type.CustomAttributes.Where(a => a.AttributeType.FullName == ResponseProxy))
                {
                    if (attribute.ConstructorArguments.Count == 1 && attribute.ConstructorArguments[0].Value is string name)
                    {
                        found.TryAdd(name, type);
                    }
                }
            }
            return found;
        }

        private static bool IsResponseClass(Type? type) =>
            type != null && !type.IsAbstract && typeof(OrganizationResponse).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) != null;
    }
}
