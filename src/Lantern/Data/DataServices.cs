using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Lantern.Data;

public static class DataServices
{
    /// <summary>Registers the DbContext for the configured provider, with its own migrations assembly.</summary>
    public static IServiceCollection AddLanternData(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(new DataFolderOptions { Path = ResolveDataFolder(configuration) });
        services.AddSingleton<SqliteDurabilityInterceptor>();
        services.AddDbContext<LanternDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var folder = sp.GetRequiredService<DataFolderOptions>();
            Configure(options, db, folder, sp.GetRequiredService<SqliteDurabilityInterceptor>());
            // Personal data never reaches the logs outside development.
            options.EnableSensitiveDataLogging(false);
            options.EnableDetailedErrors(isDevelopment);
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions db, DataFolderOptions folder, SqliteDurabilityInterceptor interceptor)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(folder);
        switch (db.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(SqliteConnectionString(db, folder),
                    o => o.MigrationsAssembly("Lantern.Migrations.Sqlite"));
                options.AddInterceptors(interceptor);
                // EF rebuilds a SQLite table to change it, with foreign keys off for the rebuild, which SQLite allows only
                // outside a transaction; EF says so as a warning on every new database. It is how SQLite migrates, not a
                // fault, so it is logged as information (docs/operations.md, "Migrations").
                options.ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information)));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(db.ConnectionString,
                    o => o.MigrationsAssembly("Lantern.Migrations.Postgres"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(db), db.Provider, "Unknown database provider");
        }
    }

    public static string SqliteConnectionString(DatabaseOptions db, DataFolderOptions folder)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(folder);
        if (!string.IsNullOrWhiteSpace(db.ConnectionString))
        {
            return db.ConnectionString;
        }
        return new SqliteConnectionStringBuilder
        {
            DataSource = folder.SqliteFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>--data-dir, then LANTERN_DATA_DIR (or Lantern:DataDir), then ./lantern-data.</summary>
    public static string ResolveDataFolder(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[DataFolderOptions.Key];
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = Environment.GetEnvironmentVariable(DataFolderOptions.EnvironmentVariable);
        }
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DataFolderOptions.DefaultFolder : configured);
    }
}

/// <summary>
/// Every SQLite connection commits durably: WAL with synchronous=FULL survives a power cut, not only
/// a process crash, because an acknowledged referral must never be lost (docs/adr/0002).
/// </summary>
public sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
