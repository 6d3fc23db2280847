using System;
using Advocacy.Plugins.Domain.Words;

namespace Advocacy.Plugins.Domain
{
    /// <summary>
    /// Input the domain cannot work with. The message is written for the person who entered the data: the
    /// plug-in layer words <see cref="Phrase"/> in the caller's language for the InvalidPluginExecutionException it
    /// throws; <see cref="Exception.Message"/> is the English wording, for traces and logs.
    /// </summary>
    public class AdvocacyInputException : Exception
    {
        public AdvocacyInputException(Phrase phrase) : base((phrase ?? throw new ArgumentNullException(nameof(phrase))).ToString())
        {
            Phrase = phrase;
        }

        public AdvocacyInputException(Phrase phrase, Exception inner) : base((phrase ?? throw new ArgumentNullException(nameof(phrase))).ToString(), inner)
        {
            Phrase = phrase;
        }

        /// <summary>The message before it is worded, so each reader gets it in their language.</summary>
        public Phrase Phrase { get; }

        /// <summary>The message for <paramref name="language"/>'s reader.</summary>
        public string MessageIn(Language language) => Phrase.In(language);
    }
}
