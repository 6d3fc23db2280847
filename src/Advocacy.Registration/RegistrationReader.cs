using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace Advocacy.Registration
{
    /// <summary>
    /// Reads the registrations a plug-in assembly declares. Works on any <see cref="Assembly"/> whose custom
    /// attribute data can be read: one loaded for execution (the net10.0 build, by runtime reflection) or one
    /// opened for inspection only (the net462 build, through <see cref="PluginAssemblyLoader"/> and
    /// MetadataLoadContext). Attributes are matched by type name, as spkl does: <c>CrmPluginRegistrationAttribute</c>
    /// and <c>CustomApiAttribute</c> / <c>CustomApiParameterAttribute</c> / <c>CustomApiResponseAttribute</c>,
    /// whatever their namespace.
    /// </summary>
    public static class RegistrationReader
    {
        private const string PluginAttributeName = "CrmPluginRegistrationAttribute";
        private const string CustomApiAttributeName = "CustomApiAttribute";
        private const string CustomApiParameterAttributeName = "CustomApiParameterAttribute";
        private const string CustomApiResponseAttributeName = "CustomApiResponseAttribute";
        private const string PluginInterface = "Microsoft.Xrm.Sdk.IPlugin";
        private const string CodeActivityType = "System.Activities.CodeActivity";

        private static readonly string[] FieldTypeNames =
        {
            "Boolean", "DateTime", "Decimal", "Entity", "EntityCollection", "EntityReference", "Float", "Integer",
            "Money", "Picklist", "String", "StringArray", "Guid",
        };

        /// <summary>Reads an assembly file for inspection only (see <see cref="PluginAssemblyLoader"/>).</summary>
        /// <param name="assemblyPath">The plug-in assembly, e.g. src/Advocacy.Plugins/bin/Release/net462/Advocacy.Plugins.dll.</param>
        /// <param name="options">Where to find the assemblies it references; <c>null</c> for the defaults.</param>
        public static PluginAssemblyRegistration ReadFile(string assemblyPath, PluginAssemblyLoadOptions? options = null)
        {
            using LoadedPluginAssembly loaded = PluginAssemblyLoader.Load(assemblyPath, options);
            return Read(loaded.Assembly);
        }

        /// <summary>
        /// Reads the registrations of <paramref name="assembly"/>: every public concrete class that implements
        /// Microsoft.Xrm.Sdk.IPlugin or derives from System.Activities.CodeActivity, with its steps, images,
        /// workflow activity details and Custom API.
        /// </summary>
        /// <exception cref="RegistrationException">A registration is inconsistent (the message says which and why).</exception>
        public static PluginAssemblyRegistration Read(Assembly assembly)
        {
            ArgumentNullException.ThrowIfNull(assembly);
            AssemblyName name = assembly.GetName();
            string assemblyName = name.Name ?? throw new RegistrationException("The assembly has no name.");
            string version = (name.Version ?? new Version(0, 0, 0, 0)).ToString();
            string culture = string.IsNullOrEmpty(name.CultureName) ? "neutral" : name.CultureName;
            byte[]? token = name.GetPublicKeyToken();
            string? publicKeyToken = token is { Length: > 0 } ? Convert.ToHexStringLower(token) : null;
            string assemblyFullName = $"{assemblyName}, Version={version}, Culture={culture}, PublicKeyToken={publicKeyToken ?? "null"}";

            var isolationModes = new List<IsolationMode>();
            var types = new List<PluginTypeRegistration>();
            foreach (Type type in GetTypes(assembly).OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                IList<CustomAttributeData> attributes = type.GetCustomAttributesData();
                bool hasRegistration = attributes.Any(a => IsRegistrationAttribute(a.AttributeType.Name));
                if (!type.IsClass)
                {
                    continue;
                }

                bool isPlugin = Implements(type, PluginInterface);
                bool isActivity = DerivesFrom(type, CodeActivityType);
                if (!isPlugin && !isActivity)
                {
                    if (hasRegistration)
                    {
                        throw new RegistrationException(
                            $"{type.FullName} carries registration attributes but neither implements {PluginInterface} nor derives from {CodeActivityType}.");
                    }

                    continue;
                }

                if (type.IsAbstract || type.IsGenericTypeDefinition || !type.IsPublic)
                {
                    if (hasRegistration)
                    {
                        throw new RegistrationException($"{type.FullName} carries registration attributes but is not a public, concrete, non-generic class.");
                    }

                    continue;
                }

                types.Add(ReadType(type, attributes, isPlugin, isActivity, assemblyName, version, assemblyFullName, isolationModes));
            }

            IsolationMode isolation = IsolationMode.Sandbox;
            if (isolationModes.Count > 0)
            {
                if (isolationModes.Distinct().Count() > 1)
                {
                    throw new RegistrationException(
                        $"{assemblyName}: registrations ask for different isolation modes; one assembly has one isolation mode.");
                }

                isolation = isolationModes[0];
            }

            var result = new PluginAssemblyRegistration
            {
                Name = assemblyName,
                Version = version,
                Culture = culture,
                PublicKeyToken = publicKeyToken,
                Id = DeterministicGuid.Create("pluginassembly:" + assemblyName),
                IsolationMode = isolation,
                Types = types,
            };
            Validate(result);
            return result;
        }

        private static void Validate(PluginAssemblyRegistration registration)
        {
            foreach (IGrouping<Guid, StepRegistration> duplicate in registration.Steps.GroupBy(s => s.Id).Where(g => g.Count() > 1))
            {
                throw new RegistrationException(
                    $"Steps share the id {duplicate.Key}: {string.Join("; ", duplicate.Select(s => s.Name))}. Give them distinct names or Ids.");
            }

            foreach (IGrouping<string, CustomApiRegistration> duplicate in registration.CustomApis
                         .GroupBy(a => a.UniqueName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                throw new RegistrationException(
                    $"Custom API {duplicate.Key} is implemented by more than one type: {string.Join(", ", duplicate.Select(a => a.PluginTypeName))}.");
            }
        }

        private static bool IsRegistrationAttribute(string name) =>
            name is PluginAttributeName or CustomApiAttributeName or CustomApiParameterAttributeName or CustomApiResponseAttributeName;

        private static PluginTypeRegistration ReadType(
            Type type,
            IList<CustomAttributeData> attributes,
            bool isPlugin,
            bool isActivity,
            string assemblyName,
            string version,
            string assemblyFullName,
            List<IsolationMode> isolationModes)
        {
            string typeName = type.FullName!;
            Guid typeId = DeterministicGuid.Create("plugintype:" + assemblyName + "/" + typeName);
            var steps = new List<StepRegistration>();
            WorkflowActivityRegistration? activity = null;

            foreach (CustomAttributeData attribute in attributes.Where(a => a.AttributeType.Name == PluginAttributeName))
            {
                IList<CustomAttributeTypedArgument> args = attribute.ConstructorArguments;
                Dictionary<string, object?> named = attribute.NamedArguments
                    .ToDictionary(n => n.MemberName, n => n.TypedValue.Value, StringComparer.Ordinal);

                if (args.Count == 8)
                {
                    if (!isPlugin)
                    {
                        throw new RegistrationException($"{typeName}: a step registration on a class that does not implement {PluginInterface}.");
                    }

                    isolationModes.Add(ToIsolation(args[7].Value));
                    steps.Add(ReadStep(typeName, typeId, args, named, steps));
                }
                else if (args.Count == 5)
                {
                    if (!isActivity)
                    {
                        throw new RegistrationException($"{typeName}: a workflow activity registration on a class that does not derive from {CodeActivityType}.");
                    }

                    if (activity != null)
                    {
                        throw new RegistrationException($"{typeName}: more than one workflow activity registration.");
                    }

                    isolationModes.Add(ToIsolation(args[4].Value));
                    string activityName = NonEmpty(args[0].Value as string) ?? typeName;
                    activity = new WorkflowActivityRegistration
                    {
                        Name = activityName,
                        FriendlyName = NonEmpty(args[1].Value as string) ?? activityName,
                        Description = NonEmpty(args[2].Value as string),
                        GroupName = NonEmpty(args[3].Value as string) ?? $"{assemblyName} ({version})",
                    };
                }
                else
                {
                    throw new RegistrationException(
                        $"{typeName}: [CrmPluginRegistration] with {args.Count} constructor arguments; expected 8 (step) or 5 (workflow activity).");
                }
            }

            CustomApiRegistration? customApi = ReadCustomApi(type, typeName, typeId, attributes, isPlugin);
            string name = activity?.Name ?? typeName;
            return new PluginTypeRegistration
            {
                TypeName = typeName,
                AssemblyQualifiedName = typeName + ", " + assemblyFullName,
                Id = typeId,
                IsPlugin = isPlugin,
                IsWorkflowActivity = isActivity,
                Name = name,
                FriendlyName = activity?.FriendlyName ?? typeName,
                Description = activity?.Description,
                WorkflowActivity = activity,
                Steps = steps,
                CustomApi = customApi,
            };
        }

        private static StepRegistration ReadStep(
            string typeName,
            Guid typeId,
            IList<CustomAttributeTypedArgument> args,
            Dictionary<string, object?> named,
            List<StepRegistration> earlierSteps)
        {
            string message = MessageName(args[0]);
            string? entity = NonEmpty(args[1].Value as string);
            if (entity != null && string.Equals(entity, "none", StringComparison.OrdinalIgnoreCase))
            {
                entity = null;
            }

            int stageValue = Convert.ToInt32(args[2].Value, CultureInfo.InvariantCulture);
            if (!Enum.IsDefined(typeof(StepStage), stageValue))
            {
                throw new RegistrationException($"{typeName}: {message} step has an unknown stage {stageValue}.");
            }

            var stage = (StepStage)stageValue;

            // spkl: Asynchronous = 0, Synchronous = 1. Platform: synchronous = 0, asynchronous = 1.
            StepMode mode = Convert.ToInt32(args[3].Value, CultureInfo.InvariantCulture) switch
            {
                0 => StepMode.Asynchronous,
                1 => StepMode.Synchronous,
                int other => throw new RegistrationException($"{typeName}: {message} step has an unknown execution mode {other}."),
            };
            if (mode == StepMode.Asynchronous && stage != StepStage.PostOperation)
            {
                throw new RegistrationException($"{typeName}: {message} step is asynchronous in stage {stage}; asynchronous steps must be PostOperation.");
            }

            IReadOnlyList<string> filtering = SplitColumns(args[4].Value as string);
            string stepName = NonEmpty(args[5].Value as string) ?? $"{typeName}: {message} of {entity ?? "any entity"}";
            int rank = Convert.ToInt32(args[6].Value, CultureInfo.InvariantCulture);

            Guid stepId;
            string? explicitId = NonEmpty(Named<string>(named, "Id"));
            if (explicitId != null)
            {
                if (!Guid.TryParse(explicitId, out stepId))
                {
                    throw new RegistrationException($"{typeName}: step '{stepName}' has Id '{explicitId}', which is not a GUID.");
                }
            }
            else
            {
                string key = $"step:{typeName}/{message}/{entity ?? string.Empty}/{(int)stage}/{stepName}";
                stepId = DeterministicGuid.Create(key);
                int ordinal = 2;
                while (earlierSteps.Any(s => s.Id == stepId))
                {
                    stepId = DeterministicGuid.Create(key + "#" + ordinal.ToString(CultureInfo.InvariantCulture));
                    ordinal++;
                }
            }

            var images = new List<StepImageRegistration>();
            for (int i = 1; i <= 2; i++)
            {
                string? imageName = NonEmpty(Named<string>(named, $"Image{i}Name"));
                if (imageName == null)
                {
                    continue;
                }

                int imageType = named.TryGetValue($"Image{i}Type", out object? value) && value != null
                    ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
                    : (int)ImageType.PreImage;
                if (!Enum.IsDefined(typeof(ImageType), imageType))
                {
                    throw new RegistrationException($"{typeName}: step '{stepName}' image {imageName} has an unknown type {imageType}.");
                }

                if (images.Any(im => string.Equals(im.Name, imageName, StringComparison.Ordinal)))
                {
                    throw new RegistrationException($"{typeName}: step '{stepName}' declares the image alias {imageName} twice.");
                }

                images.Add(new StepImageRegistration
                {
                    Id = DeterministicGuid.Create($"image:{stepId:D}/{imageName}"),
                    Name = imageName,
                    ImageType = (ImageType)imageType,
                    Attributes = SplitColumns(Named<string>(named, $"Image{i}Attributes")),
                    MessagePropertyName = ImageMessageProperty(message),
                });
            }

            bool server = Named<bool?>(named, "Server") ?? true; // the step constructor sets Server = true
            bool offline = Named<bool?>(named, "Offline") ?? false;
            SupportedDeployment deployment = (server, offline) switch
            {
                (true, true) => SupportedDeployment.Both,
                (false, true) => SupportedDeployment.MicrosoftDynamics365Client,
                _ => SupportedDeployment.ServerOnly,
            };

            return new StepRegistration
            {
                Id = stepId,
                Name = stepName,
                PluginTypeName = typeName,
                PluginTypeId = typeId,
                Message = message,
                PrimaryEntity = entity,
                Stage = stage,
                Mode = mode,
                Rank = rank,
                FilteringAttributes = filtering,
                Description = NonEmpty(Named<string>(named, "Description")),
                UnsecureConfiguration = NonEmpty(Named<string>(named, "UnSecureConfiguration")),
                SecureConfiguration = NonEmpty(Named<string>(named, "SecureConfiguration")),
                AsyncAutoDelete = mode == StepMode.Asynchronous && (Named<bool?>(named, "DeleteAsyncOperation") ?? false),
                SupportedDeployment = deployment,
                Images = images,
            };
        }

        private static CustomApiRegistration? ReadCustomApi(Type type, string typeName, Guid typeId, IList<CustomAttributeData> attributes, bool isPlugin)
        {
            CustomAttributeData[] apis = attributes.Where(a => a.AttributeType.Name == CustomApiAttributeName).ToArray();
            CustomAttributeData[] parameters = attributes.Where(a => a.AttributeType.Name == CustomApiParameterAttributeName).ToArray();
            CustomAttributeData[] responses = attributes.Where(a => a.AttributeType.Name == CustomApiResponseAttributeName).ToArray();
            if (apis.Length == 0)
            {
                if (parameters.Length > 0 || responses.Length > 0)
                {
                    throw new RegistrationException($"{typeName}: Custom API parameters or responses without [CustomApi].");
                }

                return null;
            }

            if (apis.Length > 1)
            {
                throw new RegistrationException($"{typeName}: more than one [CustomApi].");
            }

            if (!isPlugin)
            {
                throw new RegistrationException($"{typeName}: [CustomApi] on a class that does not implement {PluginInterface}.");
            }

            CustomAttributeData api = apis[0];
            string uniqueName = NonEmpty(api.ConstructorArguments[0].Value as string)
                ?? throw new RegistrationException($"{typeName}: [CustomApi] without a unique name.");
            Dictionary<string, object?> named = api.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value, StringComparer.Ordinal);
            string? bound = NonEmpty(Named<string>(named, "BoundEntityLogicalName"));

            var requestParameters = new List<CustomApiParameterRegistration>();
            foreach (CustomAttributeData parameter in parameters)
            {
                Dictionary<string, object?> p = parameter.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value, StringComparer.Ordinal);
                string parameterName = NonEmpty(parameter.ConstructorArguments[0].Value as string)
                    ?? throw new RegistrationException($"{typeName}: a Custom API parameter without a name.");
                int fieldType = FieldType(typeName, parameterName, parameter.ConstructorArguments[1].Value);
                requestParameters.Add(new CustomApiParameterRegistration
                {
                    Id = DeterministicGuid.Create($"customapirequestparameter:{uniqueName}/{parameterName}"),
                    UniqueName = parameterName,
                    Type = fieldType,
                    TypeName = FieldTypeNames[fieldType],
                    Description = (parameter.ConstructorArguments[2].Value as string) ?? string.Empty,
                    IsOptional = Named<bool?>(p, "IsOptional") ?? false,
                    LogicalEntityName = NonEmpty(Named<string>(p, "LogicalEntityName")),
                    GermanDescription = NonEmpty(Named<string>(p, "GermanDescription")),
                });
            }

            var responseProperties = new List<CustomApiPropertyRegistration>();
            foreach (CustomAttributeData response in responses)
            {
                Dictionary<string, object?> p = response.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value, StringComparer.Ordinal);
                string propertyName = NonEmpty(response.ConstructorArguments[0].Value as string)
                    ?? throw new RegistrationException($"{typeName}: a Custom API response property without a name.");
                int fieldType = FieldType(typeName, propertyName, response.ConstructorArguments[1].Value);
                responseProperties.Add(new CustomApiPropertyRegistration
                {
                    Id = DeterministicGuid.Create($"customapiresponseproperty:{uniqueName}/{propertyName}"),
                    UniqueName = propertyName,
                    Type = fieldType,
                    TypeName = FieldTypeNames[fieldType],
                    Description = (response.ConstructorArguments[2].Value as string) ?? string.Empty,
                    LogicalEntityName = NonEmpty(Named<string>(p, "LogicalEntityName")),
                    GermanDescription = NonEmpty(Named<string>(p, "GermanDescription")),
                });
            }

            foreach (string duplicate in requestParameters.Select(p => p.UniqueName)
                         .Concat(responseProperties.Select(p => p.UniqueName))
                         .GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
            {
                throw new RegistrationException($"{typeName}: Custom API {uniqueName} declares {duplicate} twice.");
            }

            _ = type;
            return new CustomApiRegistration
            {
                Id = DeterministicGuid.Create("customapi:" + uniqueName),
                UniqueName = uniqueName,
                DisplayName = NonEmpty(api.ConstructorArguments[1].Value as string) ?? uniqueName,
                Description = (api.ConstructorArguments[2].Value as string) ?? string.Empty,
                GermanDisplayName = NonEmpty(Named<string>(named, "GermanDisplayName")),
                GermanDescription = NonEmpty(Named<string>(named, "GermanDescription")),
                Binding = bound == null ? CustomApiBinding.Global : CustomApiBinding.Entity,
                BoundEntityLogicalName = bound,
                IsFunction = Named<bool?>(named, "IsFunction") ?? false,
                ExecutePrivilegeName = NonEmpty(Named<string>(named, "ExecutePrivilegeName")),
                PluginTypeName = typeName,
                PluginTypeId = typeId,
                RequestParameters = requestParameters,
                ResponseProperties = responseProperties,
            };
        }

        private static int FieldType(string typeName, string name, object? value)
        {
            int fieldType = Convert.ToInt32(value, CultureInfo.InvariantCulture);
            if (fieldType < 0 || fieldType >= FieldTypeNames.Length)
            {
                throw new RegistrationException($"{typeName}: Custom API field {name} has an unknown type {fieldType}.");
            }

            return fieldType;
        }

        /// <summary>The message name from the first step constructor argument: a string, or a MessageNameEnum value.</summary>
        private static string MessageName(CustomAttributeTypedArgument argument)
        {
            if (argument.Value is string text)
            {
                return NonEmpty(text) ?? throw new RegistrationException("A step registration without a message.");
            }

            Type enumType = argument.ArgumentType;
            if (enumType.IsEnum)
            {
                long raw = Convert.ToInt64(argument.Value, CultureInfo.InvariantCulture);
                foreach (FieldInfo field in enumType.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    if (Convert.ToInt64(field.GetRawConstantValue(), CultureInfo.InvariantCulture) == raw)
                    {
                        return field.Name;
                    }
                }
            }

            throw new RegistrationException($"A step registration's message '{argument.Value}' is neither a string nor a known {enumType.Name} value.");
        }

        private static string ImageMessageProperty(string message) => message switch
        {
            "Create" => "Id",
            "SetState" or "SetStateDynamicEntity" => "EntityMoniker",
            _ => "Target",
        };

        private static IsolationMode ToIsolation(object? value) =>
            Convert.ToInt32(value, CultureInfo.InvariantCulture) == 0 ? IsolationMode.None : IsolationMode.Sandbox;

        private static IReadOnlyList<string> SplitColumns(string? columns) =>
            string.IsNullOrWhiteSpace(columns)
                ? Array.Empty<string>()
                : columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(c => c.ToLowerInvariant())
                    .Distinct(StringComparer.Ordinal)
                    .OrderBy(c => c, StringComparer.Ordinal)
                    .ToArray();

        private static T? Named<T>(Dictionary<string, object?> named, string name) =>
            named.TryGetValue(name, out object? value) && value is T typed ? typed : default;

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        private static IEnumerable<Type> GetTypes(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                string missing = string.Join("; ", e.LoaderExceptions.Where(x => x != null).Select(x => x!.Message).Distinct().Take(5));
                throw new RegistrationException($"Cannot read the types of {assembly.GetName().Name}: {missing}", e);
            }
        }

        private static bool Implements(Type type, string interfaceFullName)
        {
            try
            {
                return type.GetInterfaces().Any(i => i.FullName == interfaceFullName);
            }
            catch (Exception e) when (e is System.IO.FileNotFoundException or TypeLoadException)
            {
                throw new RegistrationException($"Cannot resolve the interfaces of {type.FullName}: {e.Message}", e);
            }
        }

        private static bool DerivesFrom(Type type, string baseFullName)
        {
            try
            {
                for (Type? current = type.BaseType; current != null; current = current.BaseType)
                {
                    if (current.FullName == baseFullName)
                    {
                        return true;
                    }
                }

                return false;
            }
            catch (Exception e) when (e is System.IO.FileNotFoundException or TypeLoadException)
            {
                throw new RegistrationException($"Cannot resolve the base types of {type.FullName}: {e.Message}", e);
            }
        }
    }

    /// <summary>A plug-in assembly's registrations are inconsistent, or the assembly cannot be read.</summary>
    public sealed class RegistrationException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public RegistrationException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception with its cause.</summary>
        public RegistrationException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
