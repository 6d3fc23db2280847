using System;
using System.Security.Cryptography;
using System.Text;

namespace Advocacy.Registration
{
    /// <summary>
    /// Name-based GUIDs (RFC 4122 version 5, SHA-1) so that every registration component keeps the same id from
    /// build to build: Dataverse upgrades a solution's plug-in assembly, types and steps in place only when
    /// their ids do not change.
    /// </summary>
    public static class DeterministicGuid
    {
        /// <summary>The namespace of every id this product derives (a fixed, random GUID of ours).</summary>
        public static readonly Guid AdvocacyNamespace = new Guid("6f1c2b9e-4a57-4d1e-9a3c-2f8e1d7b5c40");

        /// <summary>The version 5 GUID of <paramref name="name"/> in <see cref="AdvocacyNamespace"/>.</summary>
        public static Guid Create(string name) => Create(AdvocacyNamespace, name);

        /// <summary>The version 5 GUID of <paramref name="name"/> (UTF-8) in <paramref name="namespaceId"/>.</summary>
        public static Guid Create(Guid namespaceId, string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            byte[] namespaceBytes = namespaceId.ToByteArray(bigEndian: true);
            byte[] nameBytes = Encoding.UTF8.GetBytes(name);
            byte[] input = new byte[namespaceBytes.Length + nameBytes.Length];
            Buffer.BlockCopy(namespaceBytes, 0, input, 0, namespaceBytes.Length);
            Buffer.BlockCopy(nameBytes, 0, input, namespaceBytes.Length, nameBytes.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 specifies; this is an identifier, not security.
            byte[] hash = SHA1.HashData(input);
#pragma warning restore CA5350
            byte[] guid = new byte[16];
            Array.Copy(hash, guid, 16);
            guid[6] = (byte)((guid[6] & 0x0F) | 0x50); // version 5
            guid[8] = (byte)((guid[8] & 0x3F) | 0x80); // RFC 4122 variant
            return new Guid(guid, bigEndian: true);
        }
    }
}
