using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Advocacy.Registration;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Packaging
{
    /// <summary>
    /// spkl deploys steps by reading our [CrmPluginRegistration] attributes from the built assembly's metadata and
    /// turning each enum constructor argument into *its own* enum by number (SparkleXrm
    /// spkl/SparkleXrm.Tasks/CustomAttributeDataEx.cs, CreateFromData). These tests write spkl's declarations down as
    /// facts (spkl/SparkleXrm.Tasks/CrmPluginRegistrationAttribute.cs) and read the deployable net462 assembly the way
    /// spkl does, so a step can never again be deployed by spkl on another message than the one our packer and
    /// sandbox register (MessageNameEnum.Create used to be 3, which spkl reads as AddMembers).
    /// </summary>
    [TestClass]
    public sealed class SpklReadingTests
    {
        /// <summary>spkl's MessageNameEnum, in declaration order: the position is the value spkl gives the name.</summary>
        private static readonly string[] SpklMessages =
        {
            "AddItem", "AddListMembers", "AddMember", "AddMembers", "AddPrincipalToQueue", "AddPrivileges", "AddProductToKit",
            "AddRecurrence", "AddToQueue", "AddUserToRecordTeam", "ApplyRecordCreationAndUpdateRule", "Assign", "Associate",
            "BackgroundSend", "Book", "CalculatePrice", "Cancel", "CheckIncoming", "CheckPromote", "Clone", "CloneMobileOfflineProfile",
            "CloneProduct", "Close", "CopyDynamicListToStatic", "CopySystemForm", "Create", "CreateException", "CreateInstance",
            "CreateKnowledgeArticleTranslation", "CreateKnowledgeArticleVersion", "Delete", "DeleteOpenInstances", "DeliverIncoming",
            "DeliverPromote", "Disassociate", "Execute", "ExecuteById", "Export", "GenerateSocialProfile", "GetDefaultPriceLevel",
            "GrantAccess", "Import", "LockInvoicePricing", "LockSalesOrderPricing", "Lose", "Merge", "ModifyAccess", "PickFromQueue",
            "Publish", "PublishAll", "PublishTheme", "QualifyLead", "Recalculate", "ReleaseToQueue", "RemoveFromQueue", "RemoveItem",
            "RemoveMember", "RemoveMembers", "RemovePrivilege", "RemoveProductFromKit", "RemoveRelated", "RemoveUserFromRecordTeam",
            "ReplacePrivileges", "Reschedule", "Retrieve", "RetrieveExchangeRate", "RetrieveFilteredForms", "RetrieveMultiple",
            "RetrievePersonalWall", "RetrievePrincipalAccess", "RetrieveRecordWall", "RetrieveSharedPrincipalsAndAccess",
            "RetrieveUnpublished", "RetrieveUnpublishedMultiple", "RetrieveUserQueues", "RevokeAccess", "RouteTo", "Send",
            "SendFromTemplate", "SetLocLabels", "SetRelated", "SetState", "TriggerServiceEndpointCheck", "UnlockInvoicePricing",
            "UnlockSalesOrderPricing", "Update", "ValidateRecurrenceRule", "Win",
        };

        // spkl's other enums, name → value as spkl declares them.
        private static readonly (string Enum, string Name, int Value)[] SpklValues =
        {
            ("StageEnum", "PreValidation", 10), ("StageEnum", "PreOperation", 20), ("StageEnum", "PostOperation", 40),
            ("ExecutionModeEnum", "Asynchronous", 0), ("ExecutionModeEnum", "Synchronous", 1),
            ("IsolationModeEnum", "None", 0), ("IsolationModeEnum", "Sandbox", 1),
            ("ImageTypeEnum", "PreImage", 0), ("ImageTypeEnum", "PostImage", 1), ("ImageTypeEnum", "Both", 2),
            ("PluginStepOperationEnum", "Delete", 0), ("PluginStepOperationEnum", "Deactivate", 1),
        };

        [TestMethod]
        public void Our_enums_carry_spkl_names_at_spkl_numbers()
        {
            CollectionAssert.AreEqual(SpklMessages, Enum.GetNames<MessageNameEnum>(), "same names in the same order");
            for (int i = 0; i < SpklMessages.Length; i++)
            {
                Assert.AreEqual(i, (int)Enum.Parse<MessageNameEnum>(SpklMessages[i]), SpklMessages[i]);
            }

            var ours = new[] { typeof(StageEnum), typeof(ExecutionModeEnum), typeof(IsolationModeEnum), typeof(ImageTypeEnum), typeof(PluginStepOperationEnum) };
            foreach (var type in ours)
            {
                var expected = SpklValues.Where(v => v.Enum == type.Name).Select(v => v.Name + "=" + v.Value).ToArray();
                var actual = Enum.GetNames(type).Select(n => n + "=" + Convert.ToInt32(Enum.Parse(type, n))).ToArray();
                CollectionAssert.AreEqual(expected, actual, type.Name);
            }
        }

        [TestMethod]
        public void Spkl_reads_every_step_of_the_deployable_assembly_as_our_packer_registers_it()
        {
            string path = PackagingTestSupport.RequireDeployableAssembly();
            var ours = RegistrationReader.ReadFile(path).Steps.ToDictionary(s => s.PluginTypeName + "|" + s.Name);
            using var loaded = PluginAssemblyLoader.Load(path);
            var spkl = new List<(string Key, string Description)>();
            foreach (var type in loaded.Assembly.GetTypes())
            {
                foreach (var data in type.GetCustomAttributesData().Where(d => d.AttributeType.Name == "CrmPluginRegistrationAttribute"))
                {
                    var step = AsSpklReadsIt(data);
                    if (step != null)
                    {
                        spkl.Add((type.FullName + "|" + step.Value.Name, step.Value.Description));
                    }
                }
            }

            Assert.IsTrue(spkl.Count > 10, "the product declares its steps by attribute");
            CollectionAssert.AreEquivalent(ours.Keys.ToArray(), spkl.Select(s => s.Key).ToArray(), "spkl and our packer see the same steps");
            foreach (var (key, description) in spkl)
            {
                var step = ours[key];
                string expected = Describe(step.Message, step.PrimaryEntity, (int)step.Stage, step.Mode == StepMode.Synchronous ? "Synchronous" : "Asynchronous",
                    Normalise(string.Join(",", step.FilteringAttributes)),
                    step.Images.Select(i => i.Name + ":" + (i.ImageType == ImageType.PreImage ? "PreImage" : i.ImageType == ImageType.PostImage ? "PostImage" : "Both") + ":" + Normalise(string.Join(",", i.Attributes))));
                Assert.AreEqual(expected, description, key);
            }
        }

        /// <summary>CreateFromData's reading of a step attribute (the 8-argument constructors); null for other forms.</summary>
        private static (string Name, string Description)? AsSpklReadsIt(CustomAttributeData data)
        {
            var args = data.ConstructorArguments;
            if (args.Count != 8)
            {
                return null;
            }

            string message = args[0].ArgumentType.Name == "String"
                ? (string)args[0].Value!
                : SpklMessages[(int)args[0].Value!];
            int stage = (int)args[2].Value!;
            Assert.IsTrue(stage is 10 or 20 or 40, "spkl knows stages 10, 20, 40; got " + stage);
            string mode = (int)args[3].Value! == 1 ? "Synchronous" : "Asynchronous";
            var named = data.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value);
            var images = new List<string>();
            foreach (var n in new[] { "1", "2" })
            {
                if (named.TryGetValue("Image" + n + "Name", out var name) && name is string imageName)
                {
                    int imageType = named.TryGetValue("Image" + n + "Type", out var t) ? (int)t! : 0;
                    var attributes = named.TryGetValue("Image" + n + "Attributes", out var a) ? (string?)a ?? string.Empty : string.Empty;
                    images.Add(imageName + ":" + new[] { "PreImage", "PostImage", "Both" }[imageType] + ":" + Normalise(attributes));
                }
            }

            return ((string)args[5].Value!, Describe(message, (string?)args[1].Value, stage, mode, Normalise((string?)args[4].Value ?? string.Empty), images));
        }

        // Column lists compare as sets: our reader keeps them sorted, spkl as written; the platform does not care.
        private static string Normalise(string columns) =>
            string.Join(",", columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).OrderBy(c => c, StringComparer.Ordinal));

        private static string Describe(string message, string? table, int stage, string mode, string filter, IEnumerable<string> images) =>
            message + " on " + (string.IsNullOrEmpty(table) ? "(none)" : table) + ", stage " + stage + ", " + mode + ", filter [" + filter + "], images [" + string.Join("; ", images) + "]";
    }
}
