using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Lantern.Security;

/// <summary>
/// The certificate that encrypts ASP.NET Core's data-protection keys where they are stored (the database), so a copy
/// of the database alone cannot forge a sign-in or a form token. It is a self-signed RSA certificate with its private
/// key, in <c>dataprotection.pfx</c> in the data folder (never in the database), created at first need and readable
/// by its owner only. Losing it costs only the sessions and half-filled forms of the moment: everyone signs in again.
/// </summary>
public static class DataProtectionCertificate
{
    public const string FileName = "dataprotection.pfx";

    private static readonly Lock Gate = new();

    /// <summary>Encrypts the keys with the data folder's certificate (made now if it is not there yet), and decrypts them with it.</summary>
    public static IDataProtectionBuilder ProtectKeysWithDataFolderCertificate(this IDataProtectionBuilder builder, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var certificate = LoadOrCreate(dataFolder);
        return builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    /// <summary>The data folder's certificate, made (owner-only) when it is not there yet; another process's, if it made it first.</summary>
    public static X509Certificate2 LoadOrCreate(string dataFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        var file = Path.Combine(dataFolder, FileName);
        lock (Gate)
        {
            if (!File.Exists(file))
            {
                Create(file);
            }
            try
            {
                return X509CertificateLoader.LoadPkcs12FromFile(file, null, X509KeyStorageFlags.EphemeralKeySet);
            }
            catch (CryptographicException ex)
            {
                throw new InvalidOperationException(
                    $"The data-protection certificate {file} cannot be read ({ex.Message}). Restore it from the data folder's backup, or move it aside: " +
                    "Lantern then makes a new one and everyone signs in again.", ex);
            }
        }
    }

    private static void Create(string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{FileName}.{Guid.NewGuid():N}.tmp");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Lantern data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
            var now = TimeProvider.System.GetUtcNow();
            using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var stream = new FileStream(temporary, create);
            stream.Write(certificate.Export(X509ContentType.Pkcs12));
            stream.Flush(flushToDisk: true);
        }
        try
        {
            // Whole or not at all; when another node made it first, theirs is kept.
            File.Move(temporary, file, overwrite: false);
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temporary);
        }
    }
}
