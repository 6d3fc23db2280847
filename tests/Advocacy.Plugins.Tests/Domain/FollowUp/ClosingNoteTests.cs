using Advocacy.Plugins.Domain.FollowUp;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.Domain.FollowUp
{
    /// <summary>A task closed automatically keeps its text and the reason, within the description column's 2,000 characters.</summary>
    [TestClass]
    public sealed class ClosingNoteTests
    {
        [TestMethod]
        public void A_short_description_keeps_its_text_and_gets_the_note()
        {
            Assert.AreEqual("Call them.\n\nClosed automatically: Lee took over", PlannedTask.WithClosingNote("Call them.", "Lee took over"));
            Assert.AreEqual("\n\nClosed automatically: done", PlannedTask.WithClosingNote(null, "done"));
        }

        [TestMethod]
        public void A_description_filled_to_the_column_is_cut_so_that_the_note_fits_whole()
        {
            var full = new string('x', PlannedTask.DescriptionMaxLength);
            var closed = PlannedTask.WithClosingNote(full, "Lee took over");

            Assert.AreEqual(PlannedTask.DescriptionMaxLength, closed.Length);
            StringAssert.EndsWith(closed, "…\n\nClosed automatically: Lee took over");
            StringAssert.StartsWith(closed, "xxxx");
        }
    }
}
