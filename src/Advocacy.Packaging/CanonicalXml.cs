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

        /// <summary>Parses XML, dropping insignificant whitespace.</summary>
        public static XDocument Parse(byte[] bytes)
        {
            using var stream = new MemoryStream(bytes);
            return XDocument.Load(stream, LoadOptions.None);
        }

        /// <summary>Loads an XML file, dropping insignificant whitespace.</summary>
        public static XDocument Load(string path) => Parse(File.ReadAllBytes(path));

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
            catch (XmlException)
            {
                return false;
            }
        }
    }
}
