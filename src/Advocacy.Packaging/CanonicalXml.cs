using System;
using System.IO;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Advocacy.Packaging
{
    /// <summary>
    /// The one way the packer and the unpacker write XML: UTF-8 without BOM, the declaration
    /// <c>&lt;?xml version="1.0" encoding="utf-8"?&gt;</c>, two-space indentation, LF line ends and a final LF.
    /// A source file already in this form survives pack → unpack byte for byte.
    /// </summary>
    public static class CanonicalXml
    {
        private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

        /// <summary>
        /// Parses XML, dropping insignificant whitespace. DTDs are prohibited (solution XML never has one, and a DTD's
        /// internal entities could expand a small file into gigabytes) and nothing external is ever resolved.
        /// </summary>
        /// <param name="bytes">The XML.</param>
        /// <param name="source">What the XML is (a file or entry name), for the message.</param>
        /// <exception cref="InvalidDataException">Not well-formed, or has a DTD; the message names <paramref name="source"/>.</exception>
        public static XDocument Parse(byte[] bytes, string source = "The XML")
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreWhitespace = true,
            };
            try
            {
                using var stream = new MemoryStream(bytes);
                using XmlReader reader = XmlReader.Create(stream, settings);
                return XDocument.Load(reader, LoadOptions.None);
            }
            catch (XmlException e) when (HasDoctype(bytes))
            {
                throw new InvalidDataException($"{source} has a DTD (<!DOCTYPE …>), which is not allowed: solution XML never has one (line {e.LineNumber}).", e);
            }
            catch (XmlException e)
            {
                throw new InvalidDataException($"{source} is not well-formed XML: {e.Message}", e);
            }
        }

        /// <summary>Loads an XML file, dropping insignificant whitespace.</summary>
        public static XDocument Load(string path) => Parse(File.ReadAllBytes(path), path);

        private static bool HasDoctype(byte[] bytes)
        {
            string text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4096)) + Encoding.Unicode.GetString(bytes, 0, Math.Min(bytes.Length, 8192) & ~1);
            return text.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The canonical bytes of <paramref name="root"/> as a document.</summary>
        public static byte[] ToBytes(XElement root)
        {
            var settings = new XmlWriterSettings
            {
                Encoding = Utf8NoBom,
                Indent = true,
                IndentChars = "  ",
                NewLineChars = "\n",
                NewLineHandling = NewLineHandling.Replace,
                OmitXmlDeclaration = true,
            };
            using var stream = new MemoryStream();
            byte[] declaration = Utf8NoBom.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
            stream.Write(declaration, 0, declaration.Length);
            using (XmlWriter writer = XmlWriter.Create(stream, settings))
            {
                root.WriteTo(writer);
            }

            stream.WriteByte((byte)'\n');
            return stream.ToArray();
        }

        /// <summary>True when <paramref name="bytes"/> are already canonical.</summary>
        public static bool IsCanonical(byte[] bytes)
        {
            try
            {
                byte[] canonical = ToBytes(Parse(bytes).Root!);
                return canonical.AsSpan().SequenceEqual(bytes);
            }
            catch (InvalidDataException)
            {
                return false;
            }
        }
    }
}
