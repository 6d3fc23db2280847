using System;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sdk
{
    /// <summary>
    /// Microsoft.Crm.Sdk.Proxy's sharing messages, as Microsoft's behave (eng/check-sdk.sh runs these against Microsoft's
    /// assembly): views over Parameters and Results with Microsoft's keys and request names, so the sandbox (and the
    /// platform) answer a typed request and code may read either form.
    /// </summary>
    [TestClass]
    public sealed class SharingMessageTests
    {
        [TestMethod]
        public void A_new_request_names_its_message_and_already_holds_its_keys_with_null_values()
        {
            var grant = new GrantAccessRequest();
            Assert.AreEqual("GrantAccess", grant.RequestName);
            Assert.IsTrue(grant.Parameters.Contains("Target"));
            Assert.IsTrue(grant.Parameters.Contains("PrincipalAccess"));
            Assert.IsNull(grant.Parameters["PrincipalAccess"]);

            Assert.AreEqual("ModifyAccess", new ModifyAccessRequest().RequestName);
            var revoke = new RevokeAccessRequest();
            Assert.AreEqual("RevokeAccess", revoke.RequestName);
            Assert.IsTrue(revoke.Parameters.Contains("Revokee"));
            var principalAccess = new RetrievePrincipalAccessRequest();
            Assert.AreEqual("RetrievePrincipalAccess", principalAccess.RequestName);
            Assert.IsTrue(principalAccess.Parameters.Contains("Principal"));
            Assert.AreEqual("RetrieveSharedPrincipalsAndAccess", new RetrieveSharedPrincipalsAndAccessRequest().RequestName);
        }

        [TestMethod]
        public void The_properties_read_and_write_the_parameters_under_microsofts_keys()
        {
            var account = new EntityReference("account", Guid.NewGuid());
            var user = new EntityReference("systemuser", Guid.NewGuid());
            var access = new PrincipalAccess { Principal = user, AccessMask = AccessRights.ReadAccess | AccessRights.AppendToAccess };
            var grant = new GrantAccessRequest { Target = account, PrincipalAccess = access };
            Assert.AreSame(account, grant.Parameters["Target"]);
            Assert.AreSame(access, grant.Parameters["PrincipalAccess"]);

            var revoke = new RevokeAccessRequest();
            revoke.Parameters["Revokee"] = user;
            Assert.AreSame(user, revoke.Revokee);
        }

        [TestMethod]
        public void Access_rights_are_the_platforms_bit_mask()
        {
            Assert.AreEqual(0, (int)AccessRights.None);
            Assert.AreEqual(1, (int)AccessRights.ReadAccess);
            Assert.AreEqual(2, (int)AccessRights.WriteAccess);
            Assert.AreEqual(4, (int)AccessRights.AppendAccess);
            Assert.AreEqual(16, (int)AccessRights.AppendToAccess);
            Assert.AreEqual(32, (int)AccessRights.CreateAccess);
            Assert.AreEqual(65536, (int)AccessRights.DeleteAccess);
            Assert.AreEqual(262144, (int)AccessRights.ShareAccess);
            Assert.AreEqual(524288, (int)AccessRights.AssignAccess);
        }

        [TestMethod]
        public void A_typed_response_reads_its_results_and_a_missing_one_as_empty()
        {
            var response = new RetrievePrincipalAccessResponse();
            Assert.AreEqual(AccessRights.None, response.AccessRights);
            response.Results["AccessRights"] = AccessRights.WriteAccess;
            Assert.AreEqual(AccessRights.WriteAccess, response.AccessRights);

            var shared = new RetrieveSharedPrincipalsAndAccessResponse();
            Assert.IsNull(shared.PrincipalAccesses);
            var list = new[] { new PrincipalAccess { AccessMask = AccessRights.ReadAccess } };
            shared.Results["PrincipalAccesses"] = list;
            Assert.AreSame(list, shared.PrincipalAccesses);
        }
    }
}
