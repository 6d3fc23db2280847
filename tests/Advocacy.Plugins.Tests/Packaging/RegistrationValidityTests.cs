using System;
using System.Collections.Generic;
using System.Linq;
using Advocacy.Plugins.Plugins;
using Advocacy.Packaging;
using Advocacy.Registration;
using Advocacy.Sandbox;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Packaging
{
    /// <summary>
    /// Every step the product declares must be one the platform accepts: a message the packer can register,
    /// a table the solution or the standard tables define, filtering and image columns that exist there, and
    /// images the message can have. (What a plug-in reads and writes at run time is checked by the sandbox,
    /// which refuses unknown columns, in every scenario test.)
    /// </summary>
    [TestClass]
    public sealed class RegistrationValidityTests
    {
        private static readonly HashSet<string> PackableMessages = new HashSet<string> { "Create", "Update", "Delete", "Merge" };

        [TestMethod]
        public void The_packer_knows_the_platforms_fixed_ids_of_the_messages_our_steps_use()
        {
            // The same in every organisation: Create and Update as exported solutions write them, Delete as an
            // organisation's sdkmessage listing gives it, Delete and Merge as Microsoft Learn's "Use messages with the
            // Organization service" lists the account table's messages with their ids. A wrong id imports a step on
            // another message.
            Assert.AreEqual(new Guid("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"), PluginComponents.KnownMessageIds["Create"]);
            Assert.AreEqual(new Guid("20bebb1b-ea3e-db11-86a7-000a3a5473e8"), PluginComponents.KnownMessageIds["Update"]);
            Assert.AreEqual(new Guid("a1bdbb1b-ea3e-db11-86a7-000a3a5473e8"), PluginComponents.KnownMessageIds["Delete"]);
            Assert.AreEqual(new Guid("dbbdbb1b-ea3e-db11-86a7-000a3a5473e8"), PluginComponents.KnownMessageIds["Merge"]);
            CollectionAssert.AreEquivalent(PackableMessages.ToList(), PluginComponents.KnownMessageIds.Keys.ToList());
        }

        [TestMethod]
        public void Every_step_names_a_known_message_table_and_columns()
        {
            var folder = DataverseSandbox.FindSolutionFolder() ?? throw new AssertInconclusiveException("solution/ not found above the test assembly");
            var metadata = SandboxMetadata.FromSolutions(DataverseSandbox.WithExtensions(folder));
            var registration = RegistrationReader.Read(typeof(AdvocacyPlugin).Assembly);
            var problems = new List<string>();

            foreach (var step in registration.Steps)
            {
                var where = "'" + step.Name + "'";
                if (!PackableMessages.Contains(step.Message)) problems.Add(where + ": message " + step.Message + " has no known SdkMessageId");
                if (string.IsNullOrEmpty(step.PrimaryEntity) || metadata.Table(step.PrimaryEntity!) == null)
                {
                    problems.Add(where + ": table " + step.PrimaryEntity + " is not defined");
                    continue;
                }

                foreach (var column in step.FilteringAttributes.Where(c => !metadata.ColumnExists(step.PrimaryEntity!, c)))
                {
                    problems.Add(where + ": filtering attribute " + column + " does not exist on " + step.PrimaryEntity);
                }

                foreach (var image in step.Images)
                {
                    foreach (var column in image.Attributes.Where(c => !metadata.ColumnExists(step.PrimaryEntity!, c)))
                    {
                        problems.Add(where + ": image " + image.Name + " column " + column + " does not exist on " + step.PrimaryEntity);
                    }

                    if (step.Message == "Create" && image.ImageType != ImageType.PostImage) problems.Add(where + ": a Create step can only have a post-image");
                    if (step.Message == "Delete" && image.ImageType != ImageType.PreImage) problems.Add(where + ": a Delete step can only have a pre-image");
                    if (image.ImageType != ImageType.PreImage && step.Stage != StepStage.PostOperation) problems.Add(where + ": a post-image needs PostOperation");
                }

                if (step.FilteringAttributes.Count > 0 && step.Message != "Update") problems.Add(where + ": filtering attributes only apply to Update");
            }

            Assert.IsTrue(registration.Steps.Any(), "the product declares steps");
            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        }
    }
}
