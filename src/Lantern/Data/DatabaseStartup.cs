using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lantern.Data;

/// <summary>A database problem a person can fix; its message says what to do.</summary>
public sealed class DatabaseStartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Creates the data folder, applies migrations and (first start only) seeds the demo partnership.</summary>
public sealed partial class DatabaseStartup(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    DataFolderOptions folder,
    ILogger<DatabaseStartup> logger)
{
    public async Task<bool> MigrateAsync(CancellationToken ct)
    {
        var db = options.Value;
        try
        {
            if (db.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(db.ConnectionString))
            {
                Directory.CreateDirectory(folder.Path);
            }
            await using var scope = scopes.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                // WAL is a property of the file: set once, kept by every later connection.
                await context.Database.OpenConnectionAsync(ct);
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                await context.Database.CloseConnectionAsync();
            }
            var pending = (await context.Database.GetPendingMigrationsAsync(ct)).Count();
            await context.Database.MigrateAsync(ct);
            LogMigrated(logger, db.Provider, pending);
            return pending > 0;
        }
        catch (Exception ex) when (Explain(ex, db) is { } message)
        {
            throw new DatabaseStartupException(message, ex);
        }
    }

    public async Task<bool> SeedDemoIfEmptyAsync(CancellationToken ct)
    {
        if (!options.Value.ShouldSeedDemoData)
        {
            return false;
        }
        await using var scope = scopes.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeed>();
        return await seeder.SeedIfEmptyAsync(ct);
    }

    public string Describe()
    {
        var db = options.Value;
        return db.Provider switch
        {
            DatabaseProvider.Sqlite => string.IsNullOrWhiteSpace(db.ConnectionString)
                ? $"SQLite file {folder.SqliteFile}"
                : "SQLite (connection string from configuration)",
            DatabaseProvider.Postgres => $"PostgreSQL {PostgresTarget(db.ConnectionString)}",
            _ => throw new InvalidOperationException("Unknown database provider"),
        };
    }

    /// <summary>Turns the failures a person can fix into a message naming what to fix; others stay unexpected.</summary>
    internal string? Explain(Exception ex, DatabaseOptions db)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: 26 }:
                    return $"The database file {folder.SqliteFile} is not a Lantern database or is damaged (SQLite: file is not a database). " +
                           "Restore it from a backup, or move it aside and start again to create a new, empty database.";
                case SqliteException { SqliteErrorCode: 11 }:
                    return $"The database file {folder.SqliteFile} is corrupt (SQLite: database disk image is malformed). " +
                           "Restore it from a backup, or move it aside and start again to create a new, empty database.";
                case SqliteException { SqliteErrorCode: 14 } or UnauthorizedAccessException:
                    return $"Lantern cannot open or create its database in {folder.Path}. " +
                           "Check that the folder exists and is writable, or choose another with --data-dir or LANTERN_DATA_DIR.";
                case SqliteException { SqliteErrorCode: 8 }:
                    return $"The database file {folder.SqliteFile} is read-only. Make it writable or choose another data folder with --data-dir.";
                case NpgsqlException { InnerException: SocketException } or SocketException:
                    return $"Cannot reach PostgreSQL at {PostgresTarget(db.ConnectionString)}. " +
                           "Check that the server is running and that Lantern:Database:ConnectionString names the right host and port.";
                case PostgresException { SqlState: "28P01" or "28000" }:
                    return $"PostgreSQL at {PostgresTarget(db.ConnectionString)} refused the user name or password in Lantern:Database:ConnectionString.";
                case PostgresException { SqlState: "3D000" }:
                    return $"The database named in Lantern:Database:ConnectionString does not exist on {PostgresTarget(db.ConnectionString)}. Create it (createdb) and start again.";
                case TimeoutException when db.Provider == DatabaseProvider.Postgres:
                    return $"Timed out connecting to PostgreSQL at {PostgresTarget(db.ConnectionString)}. Check the server and the network.";
                case ArgumentException when db.Provider == DatabaseProvider.Postgres && e.StackTrace?.Contains("Npgsql", StringComparison.Ordinal) == true:
                    return $"Lantern:Database:ConnectionString is not a valid PostgreSQL connection string: {e.Message}";
                default:
                    break;
            }
        }
        return null;
    }

    private static string PostgresTarget(string? connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{b.Host}:{b.Port}/{b.Database}";
        }
        catch (ArgumentException)
        {
            return "(unreadable connection string)";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready on {Provider}; {Pending} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider, int pending);
}
