using System;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sdk
{
    /// <summary>
    /// The numbered plug-in execution contexts as Microsoft's assembly declares them (also run against it by
    /// eng/check-sdk.sh): each extends the one before, and each member is a get-only property declared on its own
    /// interface, so a plug-in compiled against the surface binds to the platform's context.
    /// </summary>
    [TestClass]
    public sealed class ExecutionContextTests
    {
        [TestMethod]
        public void Each_numbered_context_extends_the_one_before()
        {
            Assert.IsTrue(typeof(IPluginExecutionContext).IsAssignableFrom(typeof(IPluginExecutionContext2)));
            Assert.IsTrue(typeof(IPluginExecutionContext2).IsAssignableFrom(typeof(IPluginExecutionContext3)));
            Assert.IsTrue(typeof(IPluginExecutionContext3).IsAssignableFrom(typeof(IPluginExecutionContext4)));
            foreach (var type in new[] { typeof(IPluginExecutionContext2), typeof(IPluginExecutionContext3), typeof(IPluginExecutionContext4) })
            {
                Assert.IsTrue(type.IsInterface && type.IsPublic, type.Name);
                Assert.AreEqual("Microsoft.Xrm.Sdk", type.Namespace, type.Name);
            }
        }

        [TestMethod]
        public void Each_numbered_context_declares_exactly_Microsofts_get_only_members()
        {
            AssertDeclares(typeof(IPluginExecutionContext2),
                ("UserAzureActiveDirectoryObjectId", typeof(Guid)), ("InitiatingUserAzureActiveDirectoryObjectId", typeof(Guid)),
                ("InitiatingUserApplicationId", typeof(Guid)), ("PortalsContactId", typeof(Guid)), ("IsPortalsClientCall", typeof(bool)));
            AssertDeclares(typeof(IPluginExecutionContext3), ("AuthenticatedUserId", typeof(Guid)));
            AssertDeclares(typeof(IPluginExecutionContext4),
                ("PreEntityImagesCollection", typeof(EntityImageCollection[])), ("PostEntityImagesCollection", typeof(EntityImageCollection[])));
        }

        private static void AssertDeclares(Type type, params (string Name, Type Type)[] expected)
        {
            var declared = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            CollectionAssert.AreEquivalent(expected.Select(e => e.Name).ToArray(), declared.Select(p => p.Name).ToArray(), type.Name);
            foreach (var (name, propertyType) in expected)
            {
                var property = declared.Single(p => p.Name == name);
                Assert.AreEqual(propertyType, property.PropertyType, $"{type.Name}.{name}");
                Assert.IsTrue(property.CanRead, $"{type.Name}.{name}");
                Assert.IsFalse(property.CanWrite, $"{type.Name}.{name} is get-only");
            }
            Assert.IsEmpty(type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName).ToArray(), type.Name);
        }
    }
}
