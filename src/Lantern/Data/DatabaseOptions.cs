using System.ComponentModel.DataAnnotations;

namespace Lantern.Data;

public enum DatabaseProvider
{
    Sqlite = 1,
    Postgres = 2,
}

/// <summary>Bound from <c>Lantern:Database</c>; validated when the app starts.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Lantern:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL. For SQLite, overrides the file in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Seed the Northbridge demo partnership when the database is empty. Defaults to on for SQLite only.</summary>
    public bool? SeedDemoData { get; set; }

    public bool ShouldSeedDemoData => SeedDemoData ?? Provider == DatabaseProvider.Sqlite;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult(
                "Lantern:Database:Provider must be Sqlite or Postgres.", [nameof(Provider)]);
        }
        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Lantern:Database:ConnectionString is required when Lantern:Database:Provider is Postgres " +
                "(for example Host=db.example;Database=lantern;Username=lantern;Password=...).",
                [nameof(ConnectionString)]);
        }
    }
}

/// <summary>Where the embedded database and other local files live.</summary>
public sealed class DataFolderOptions
{
    public const string Key = "Lantern:DataDir";
    public const string EnvironmentVariable = "LANTERN_DATA_DIR";
    public const string DefaultFolder = "lantern-data";

    public required string Path { get; init; }

    public string SqliteFile => System.IO.Path.Combine(Path, "lantern.db");
}
