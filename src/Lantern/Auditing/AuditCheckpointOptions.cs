using System.Text.RegularExpressions;
using Lantern.Data;
using Lantern.Hosting;
using Microsoft.Extensions.Options;

namespace Lantern.Auditing;

/// <summary>
/// Bound from <c>Lantern:Audit:Checkpoints</c>: where signed checkpoints of the audit trail's head are kept,
/// outside the database, and the key that signs them (docs/adr/0018).
/// </summary>
public sealed partial class AuditCheckpointOptions
{
    public const string Section = "Lantern:Audit:Checkpoints";

    /// <summary>The folder of checkpoint files, one per node; default: beside the data folder, named after it with <c>-checkpoints</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>An optional second folder (a share on another machine) written alike, so that one store's loss or editing shows.</summary>
    public string? SecondDirectory { get; set; }

    /// <summary>The signing key (an ECDSA P-256 private key, PEM); default <c>audit-checkpoint-key.pem</c> in the data folder. Created when missing.</summary>
    public string? KeyFile { get; set; }

    /// <summary>How often the scheduled work writes a checkpoint when the trail has grown.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>This node's name in its checkpoint file's name; default the machine's name.</summary>
    public string? Node { get; set; }

    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (Interval < TimeSpan.FromMinutes(1) || Interval > TimeSpan.FromDays(1))
        {
            errors.Add(($"{Section}:{nameof(Interval)}", "must be from 00:01:00 to 1.00:00:00 (the tail written since the last checkpoint is not protected, so keep it short)."));
        }
        if (Node is null || !NodeName().IsMatch(Node))
        {
            errors.Add(($"{Section}:{nameof(Node)}", "must be 1 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit."));
        }
        if (SecondDirectory is not null && Directory is not null
            && string.Equals(Path.TrimEndingDirectorySeparator(SecondDirectory), Path.TrimEndingDirectorySeparator(Directory), StringComparison.Ordinal))
        {
            errors.Add(($"{Section}:{nameof(SecondDirectory)}", "must be another folder than Directory (ideally on another machine)."));
        }
        return errors;
    }

    /// <summary>Fills in the defaults from the data folder and makes every path full.</summary>
    public void Resolve(string dataFolder)
    {
        Directory = Path.GetFullPath(string.IsNullOrWhiteSpace(Directory)
            ? Path.TrimEndingDirectorySeparator(dataFolder) + "-checkpoints"
            : Directory);
        SecondDirectory = string.IsNullOrWhiteSpace(SecondDirectory) ? null : Path.GetFullPath(SecondDirectory);
        KeyFile = Path.GetFullPath(string.IsNullOrWhiteSpace(KeyFile) ? Path.Combine(dataFolder, "audit-checkpoint-key.pem") : KeyFile);
        Node ??= DefaultNode(Environment.MachineName);
    }

    /// <summary>The machine's name with anything a file name should not carry made a hyphen.</summary>
    public static string DefaultNode(string machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var cleaned = NotInNodeName().Replace(machine, "-").Trim('-', '.', '_');
        return cleaned.Length == 0 ? "node" : cleaned[..Math.Min(64, cleaned.Length)];
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NodeName();

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex NotInNodeName();
}

/// <summary>Part of the scheduled work on every node: a checkpoint of the trail's head when one is due.</summary>
public sealed class AuditCheckpointWork(AuditCheckpointWriter writer) : Jobs.IScheduledWork
{
    public Task RunAsync(CancellationToken ct) => writer.WriteIfDueAsync(ct);
}

public static class AuditCheckpointSetup
{
    public static IServiceCollection AddAuditCheckpoints(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditCheckpointOptions>()
            .Bind(configuration.GetSection(AuditCheckpointOptions.Section))
            .PostConfigure<DataFolderOptions>((o, folder) => o.Resolve(folder.Path))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditCheckpointOptions>>(new FieldOptionsValidation<AuditCheckpointOptions>(o => o.Validate()));
        services.AddSingleton<AuditCheckpointKeys>();
        services.AddScoped<AuditCheckpointWriter>();
        services.AddScoped<AuditCheckpointVerifier>();
        return services;
    }

    /// <summary>The checkpoint in the scheduled work; added after every other piece, so that it covers what they audited.</summary>
    public static IServiceCollection AddAuditCheckpointWork(this IServiceCollection services)
    {
        services.AddScoped<Jobs.IScheduledWork, AuditCheckpointWork>();
        return services;
    }
}
