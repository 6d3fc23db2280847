using System.Globalization;
using System.IO;

namespace Advocacy.Packaging
{
    /// <summary>
    /// A Dataverse solution version: four whole numbers, major.minor.build.revision, each 0 to 2,147,483,647. The
    /// platform refuses anything else on import, so the packer refuses it first, with the value in the message.
    /// </summary>
    public static class SolutionVersion
    {
        /// <exception cref="InvalidDataException">Not a four-part version.</exception>
        public static string Validate(string version, string source)
        {
            string[] parts = (version ?? string.Empty).Trim().Split('.');
            bool valid = parts.Length == 4;
            foreach (string part in parts)
            {
                valid &= part.Length > 0 && part.Length <= 10 && IsDigits(part)
                    && long.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) <= int.MaxValue;
            }

            if (!valid)
            {
                throw new InvalidDataException($"The solution version '{version}' ({source}) is not a four-part version such as 1.0.0.0: major.minor.build.revision, whole numbers up to 2147483647.");
            }

            return version!.Trim();
        }

        private static bool IsDigits(string text)
        {
            foreach (char c in text)
            {
                if (c < '0' || c > '9') return false;
            }

            return true;
        }
    }
}
