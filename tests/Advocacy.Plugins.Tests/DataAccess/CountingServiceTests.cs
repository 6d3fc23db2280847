using System;
using Advocacy.Plugins.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Moq;

namespace Advocacy.Plugins.Tests.DataAccess
{
    /// <summary>
    /// The assignment's call counter (internal to the plug-in assembly, so built by reflection): every call of the
    /// service counts once and reaches the inner service unchanged — also the ones assignment does not make today.
    /// </summary>
    [TestClass]
    public sealed class CountingServiceTests
    {
        private static (IOrganizationService Counting, Func<int> Count) Wrap(IOrganizationService inner)
        {
            var type = typeof(AdvocatePool).Assembly.GetType("Advocacy.Plugins.Data.CountingService", throwOnError: true)!;
            var counting = Activator.CreateInstance(type, inner)!;
            var count = type.GetProperty("Count")!;
            return ((IOrganizationService)counting, () => (int)count.GetValue(counting)!);
        }

        [TestMethod]
        public void Every_call_counts_once_and_reaches_the_inner_service()
        {
            var inner = new Mock<IOrganizationService>(MockBehavior.Strict);
            var id = Guid.NewGuid();
            var entity = new Entity("account", id);
            var columns = new ColumnSet("name");
            var query = new QueryExpression("account");
            var request = new OrganizationRequest("WhoAmI");
            var response = new OrganizationResponse();
            var collection = new EntityCollection();
            var relationship = new Relationship("adv_account_task");
            var related = new EntityReferenceCollection();
            inner.Setup(s => s.Create(entity)).Returns(id);
            inner.Setup(s => s.Retrieve("account", id, columns)).Returns(entity);
            inner.Setup(s => s.Update(entity));
            inner.Setup(s => s.Delete("account", id));
            inner.Setup(s => s.Execute(request)).Returns(response);
            inner.Setup(s => s.Associate("account", id, relationship, related));
            inner.Setup(s => s.Disassociate("account", id, relationship, related));
            inner.Setup(s => s.RetrieveMultiple(query)).Returns(collection);
            var (service, count) = Wrap(inner.Object);

            Assert.AreEqual(0, count());
            Assert.AreEqual(id, service.Create(entity));
            Assert.AreEqual(1, count());
            Assert.AreSame(entity, service.Retrieve("account", id, columns));
            Assert.AreEqual(2, count());
            service.Update(entity);
            Assert.AreEqual(3, count());
            service.Delete("account", id);
            Assert.AreEqual(4, count());
            Assert.AreSame(response, service.Execute(request));
            Assert.AreEqual(5, count());
            service.Associate("account", id, relationship, related);
            Assert.AreEqual(6, count());
            service.Disassociate("account", id, relationship, related);
            Assert.AreEqual(7, count());
            Assert.AreSame(collection, service.RetrieveMultiple(query));
            Assert.AreEqual(8, count());

            inner.Verify(s => s.Update(entity), Times.Once);
            inner.Verify(s => s.Delete("account", id), Times.Once);
            inner.Verify(s => s.Associate("account", id, relationship, related), Times.Once);
            inner.Verify(s => s.Disassociate("account", id, relationship, related), Times.Once);
        }
    }
}
