using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain.Impact
{
    /// <summary>An inconvenience's data cannot be scored; the message tells the user which field to fix.</summary>
    public sealed class ImpactInputException : AdvocacyInputException
    {
        public ImpactInputException(string field, Phrase message) : base(message)
        {
            Field = field;
        }

        /// <summary>The <see cref="InconvenienceFacts"/> property at fault, e.g. "OrderValue".</summary>
        public string Field { get; }
    }
}
