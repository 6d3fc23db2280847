using System;

namespace Advocacy.Plugins.Domain
{
    /// <summary>
    /// Input the domain cannot work with. The message is written for the person who entered the data; the
    /// plug-in layer passes it on unchanged as an InvalidPluginExecutionException.
    /// </summary>
    public class AdvocacyInputException : Exception
    {
        public AdvocacyInputException(string message) : base(message)
        {
        }

        public AdvocacyInputException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
