using System.Security.Cryptography;
using Lantern.Domain.Auditing;
using Microsoft.Extensions.Options;

namespace Lantern.Auditing;

/// <summary>The checkpoint key's file cannot be read or created; the message names the file and what to do.</summary>
public sealed class AuditCheckpointKeyException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The key that signs audit checkpoints: an ECDSA P-256 private key in a file the database never sees,
/// created at first need, readable by its owner only. Checkpoints are trusted when signed by it, or by a
/// retired key whose public half (<c>*.public.pem</c>) an operator kept in the same folder.
/// </summary>
public sealed class AuditCheckpointKeys(IOptions<AuditCheckpointOptions> options) : IDisposable
{
    private readonly Lock _lock = new();
    private ECDsa? _signing;
    private string? _signingId;

    public string KeyFile => options.Value.KeyFile!;

    public bool Exists => File.Exists(KeyFile);

    /// <summary>Loads the key, creating it (owner-only) when the file is not there yet.</summary>
    public (ECDsa Key, string Id) Signing()
    {
        lock (_lock)
        {
            if (_signing is null)
            {
                if (!File.Exists(KeyFile))
                {
                    Create(KeyFile);
                }
                _signing = Load(KeyFile);
                _signingId = KeyId(_signing);
            }
            return (_signing, _signingId!);
        }
    }

    public AuditCheckpoint Sign(string node, long number, long sequence, string head, DateTimeOffset at)
    {
        var (key, id) = Signing();
        var signature = key.SignData(AuditCheckpoint.Payload(node, number, sequence, head, at, id), HashAlgorithmName.SHA256);
        return new AuditCheckpoint(node, number, sequence, head, at, id, Convert.ToBase64String(signature));
    }

    /// <summary>
    /// The public keys checkpoints may be signed with, by id: the key file's and the retired ones beside it.
    /// Empty when the key file is not there. Reads the files afresh, so a replaced key shows.
    /// </summary>
    public TrustedCheckpointKeys Trusted()
    {
        var trusted = new TrustedCheckpointKeys();
        if (!File.Exists(KeyFile))
        {
            return trusted;
        }
        trusted.Add(Load(KeyFile));
        foreach (var retired in Directory.EnumerateFiles(Path.GetDirectoryName(KeyFile)!, "*.public.pem").Order(StringComparer.Ordinal))
        {
            trusted.Add(Load(retired));
        }
        return trusted;
    }

    /// <summary>The first 16 hex digits of the SHA-256 of the public key (SubjectPublicKeyInfo).</summary>
    public static string KeyId(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    private static ECDsa Load(string file)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(file));
            if (key.KeySize != 256)
            {
                throw new CryptographicException("not a P-256 key");
            }
            return key;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new AuditCheckpointKeyException(
                $"The audit checkpoint key {file} cannot be read ({ex.Message}). Restore it from its backup; " +
                "if it is lost, see \"When verification fails\" in the operations guide.", ex);
        }
    }

    private static void Create(string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }
                using var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, create);
                writer.Write(key.ExportPkcs8PrivateKeyPem());
                writer.Write('\n');
                writer.Flush();
                ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
            }
            // Whole or not at all; when another node or process made it first, theirs is kept.
            File.Move(temporary, file, overwrite: false);
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AuditCheckpointKeyException(
                $"The audit checkpoint key {file} cannot be created ({ex.Message}). Set {AuditCheckpointOptions.Section}:{nameof(AuditCheckpointOptions.KeyFile)} to a file Lantern may write.", ex);
        }
    }

    public void Dispose() => _signing?.Dispose();
}

/// <summary>The public keys a checkpoint may be signed with, by key id.</summary>
public sealed class TrustedCheckpointKeys : IDisposable
{
    private readonly Dictionary<string, ECDsa> _keys = new(StringComparer.Ordinal);

    public int Count => _keys.Count;

    internal void Add(ECDsa key)
    {
        if (!_keys.TryAdd(AuditCheckpointKeys.KeyId(key), key))
        {
            key.Dispose();
        }
    }

    public bool Knows(string keyId) => _keys.ContainsKey(keyId);

    public bool IsSignatureValid(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!_keys.TryGetValue(checkpoint.KeyId, out var key))
        {
            return false;
        }
        Span<byte> signature = stackalloc byte[128];
        return Convert.TryFromBase64String(checkpoint.Signature, signature, out var length)
               && key.VerifyData(checkpoint.Payload(), signature[..length], HashAlgorithmName.SHA256);
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
