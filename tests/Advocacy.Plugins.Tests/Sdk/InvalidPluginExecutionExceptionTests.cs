using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace Advocacy.Plugins.Tests.Sdk
{
    [TestClass]
    public sealed class InvalidPluginExecutionExceptionTests
    {
        [TestMethod]
        public void Message_is_kept_and_status_defaults_to_Failed()
        {
            var error = new InvalidPluginExecutionException("adv_AdvocacySettings: $.impact.bands is not an array");

            Assert.AreEqual("adv_AdvocacySettings: $.impact.bands is not an array", error.Message);
            Assert.AreEqual(OperationStatus.Failed, error.Status);
            Assert.AreEqual(error.HResult, error.ErrorCode);
        }

        [TestMethod]
        public void Status_error_code_and_inner_exception_come_from_the_constructors()
        {
            var inner = new InvalidOperationException("inner");

            Assert.AreSame(inner, new InvalidPluginExecutionException("m", inner).InnerException);
            Assert.AreEqual(OperationStatus.Canceled, new InvalidPluginExecutionException(OperationStatus.Canceled, "m").Status);
            var coded = new InvalidPluginExecutionException(OperationStatus.Retry, 42, "m");
            Assert.AreEqual(OperationStatus.Retry, coded.Status);
            Assert.AreEqual(42, coded.ErrorCode);
            Assert.AreEqual("m", coded.Message);
        }

        [TestMethod]
        public void OperationStatus_values_are_Microsofts()
        {
            Assert.AreEqual(0, (int)OperationStatus.Failed);
            Assert.AreEqual(1, (int)OperationStatus.Canceled);
            Assert.AreEqual(2, (int)OperationStatus.Retry);
            Assert.AreEqual(3, (int)OperationStatus.Suspended);
            Assert.AreEqual(4, (int)OperationStatus.Succeeded);
        }
    }
}
