using System;
using System.Linq;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sandbox
{
    /// <summary>
    /// RetrieveEnvironmentVariableValue (Microsoft Learn, "RetrieveEnvironmentVariableValue Function"): a variable's value
    /// by its definition's schema name — the current value when there is one, else the default.
    /// </summary>
    [TestClass]
    public sealed class EnvironmentVariableValueTests
    {
        private static object? Value(DataverseSandbox sandbox, string name) =>
            sandbox.Service.Execute(new OrganizationRequest("RetrieveEnvironmentVariableValue") { ["DefinitionSchemaName"] = name })["Value"];

        [TestMethod]
        public void The_current_value_wins_over_the_default_and_the_default_answers_without_one()
        {
            var sandbox = new DataverseSandbox((string?)null);
            sandbox.SetEnvironmentVariable("contoso_ApiUrl", currentValue: "https://prod.contoso.example", defaultValue: "https://test.contoso.example");
            sandbox.SetEnvironmentVariable("contoso_Region", currentValue: null, defaultValue: "Pacific/Auckland");
            sandbox.SetEnvironmentVariable("contoso_Empty", currentValue: null);

            Assert.AreEqual("https://prod.contoso.example", Value(sandbox, "contoso_ApiUrl"));
            Assert.AreEqual("Pacific/Auckland", Value(sandbox, "contoso_Region"));
            Assert.AreEqual("Pacific/Auckland", Value(sandbox, "CONTOSO_REGION")); // schema names compare without case
            Assert.IsNull(Value(sandbox, "contoso_Empty"));
        }

        [TestMethod]
        public void A_value_written_earlier_in_the_same_transaction_is_the_one_read()
        {
            var sandbox = new DataverseSandbox((string?)null);
            var definition = sandbox.SetEnvironmentVariable("contoso_ApiUrl", currentValue: null, defaultValue: "https://test.contoso.example");
            var requests = new OrganizationRequestCollection
            {
                new Microsoft.Xrm.Sdk.Messages.CreateRequest
                {
                    Target = new Entity("environmentvariablevalue")
                    {
                        ["schemaname"] = "contoso_ApiUrl", ["value"] = "https://prod.contoso.example",
                        ["environmentvariabledefinitionid"] = new EntityReference("environmentvariabledefinition", definition),
                    },
                },
                new OrganizationRequest("RetrieveEnvironmentVariableValue") { ["DefinitionSchemaName"] = "contoso_ApiUrl" },
            };

            var result = sandbox.Service.Execute(new OrganizationRequest("ExecuteTransaction") { ["Requests"] = requests, ["ReturnResponses"] = true });

            var responses = (OrganizationResponseCollection)result["Responses"];
            Assert.AreEqual("https://prod.contoso.example", responses[1]["Value"]);
        }

        [TestMethod]
        public void A_missing_or_unknown_schema_name_is_refused_with_what_to_do()
        {
            var sandbox = new DataverseSandbox((string?)null);

            var missing = Assert.ThrowsExactly<SandboxFaultException>(() => sandbox.Service.Execute(new OrganizationRequest("RetrieveEnvironmentVariableValue")));
            var unknown = Assert.ThrowsExactly<SandboxFaultException>(() => Value(sandbox, "contoso_Nothing"));

            Assert.AreEqual(ErrorCodes.InvalidArgument, missing.ErrorCode);
            StringAssert.Contains(missing.Message, "DefinitionSchemaName");
            Assert.AreEqual(ErrorCodes.ObjectDoesNotExist, unknown.ErrorCode);
            StringAssert.Contains(unknown.Message, "'contoso_Nothing'");
        }
    }
}
