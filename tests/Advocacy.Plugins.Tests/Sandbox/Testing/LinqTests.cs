#if MICROSOFT_XRM_SDK
// Microsoft's LINQ provider (OrganizationServiceContext) is part of Microsoft's Microsoft.Xrm.Sdk and not of the offline
// surface, so these tests are compiled only by eng/check-sdk.sh's fifth step, where the sandbox runs on Microsoft's SDK.
using System.Linq;
using Advocacy.Plugins.Tests.Sandbox.Testing.EarlyBound;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Client;

// Microsoft's provider takes only early-bound classes from an assembly marked so (CheckEntitySubclass refuses others, even
// with proxy types enabled on the service); generated code always carries it. With it, this assembly's plug-ins get
// early-bound rows too, so EarlyBoundTests' plug-in test is left out of this build.
[assembly: ProxyTypesAssembly]

namespace Advocacy.Plugins.Tests.Sandbox.Testing
{
    /// <summary>LINQ queries through Microsoft's OrganizationServiceContext over the sandbox's service.</summary>
    [TestClass]
    public sealed class LinqTests
    {
        private static DataverseSandbox Accounts()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.Service.Create(new Entity("account") { ["name"] = "Contoso", ["numberofemployees"] = 50 });
            sandbox.Service.Create(new Entity("account") { ["name"] = "Fabrikam", ["numberofemployees"] = 5 });
            sandbox.Service.Create(new Entity("account") { ["name"] = "Northwind", ["numberofemployees"] = 500 });
            return sandbox;
        }

        [TestMethod]
        public void A_late_bound_LINQ_query_filters_orders_and_projects_through_the_sandbox()
        {
            using var context = new OrganizationServiceContext(Accounts().Service);

            var names = (from a in context.CreateQuery("account")
                         where (int)a["numberofemployees"] > 10
                         orderby a["name"] descending
                         select (string)a["name"]).ToList();

            CollectionAssert.AreEqual(new[] { "Northwind", "Contoso" }, names);
        }

        [TestMethod]
        public void An_early_bound_LINQ_query_needs_proxy_types_and_answers_with_the_early_bound_class()
        {
            var sandbox = Accounts();
            sandbox.EnableProxyTypes(typeof(Account).Assembly);
            using var context = new OrganizationServiceContext(sandbox.Service);

            var big = context.CreateQuery<Account>().Where(a => a.NumberOfEmployees > 10).OrderBy(a => a.Name).ToList();
            var first = context.CreateQuery<Account>().First(a => a.Name == "Fabrikam");

            CollectionAssert.AreEqual(new[] { "Contoso", "Northwind" }, big.Select(a => a.Name).ToArray());
            Assert.AreEqual(5, first.NumberOfEmployees);
        }
    }
}
#endif
