using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests
{
    [TestClass]
    public sealed class SmokeTests
    {
        [TestMethod]
        public void Registration_attribute_is_public()
        {
            Assert.IsTrue(typeof(CrmPluginRegistrationAttribute).IsPublic);
        }
    }
}
