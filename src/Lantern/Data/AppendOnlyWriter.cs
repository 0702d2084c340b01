using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lantern.Data;

/// <summary>
/// Writes the new rows of an import's batch that nothing in the batch changes again (chronology entries, mentions, links,
/// source records, language findings, identity pairs) with one prepared INSERT a table, on SQLite, instead of through
/// <see cref="DbContext.SaveChanges()"/>: EF Core builds and SQLite parses the SQL of every row of a batch anew, which was
/// a third of a large import's time. The rows are written inside the batch's transaction, with the columns, names and
/// conversions of EF Core's own model, and leave the change tracker; what is left is saved by EF Core as before, in the
/// same transaction. Foreign keys are checked at commit (SQLite's defer_foreign_keys), since a row may refer to a child
/// EF Core inserts after it. See docs/adr/0019-import-writes-new-rows-itself.md.
/// </summary>
public static class AppendOnlyWriter
{
    /// <summary>Writes the pending new rows of <paramref name="types"/>; returns how many. Nothing is done on another database than SQLite.</summary>
    public static async Task<int> WriteAddedAsync(LanternDbContext db, IReadOnlyList<Type> types, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(types);
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is not { } transaction)
        {
            return 0;
        }
        db.ChangeTracker.DetectChanges();
        var pending = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && types.Contains(e.Metadata.ClrType)).ToList();
        if (pending.Count == 0)
        {
            return 0;
        }
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var sqliteTransaction = (SqliteTransaction)transaction.GetDbTransaction();
        try
        {
            await using (var defer = connection.CreateCommand())
            {
                defer.Transaction = sqliteTransaction;
                defer.CommandText = "PRAGMA defer_foreign_keys = ON;";
                await defer.ExecuteNonQueryAsync(ct);
            }
            foreach (var group in pending.GroupBy(e => e.Metadata))
            {
                if (Writable(group.Key) is not { } columns)
                {
                    continue;
                }
                await using var command = connection.CreateCommand();
                command.Transaction = sqliteTransaction;
                command.CommandText = $"INSERT INTO \"{group.Key.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) "
                    + $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))});";
                foreach (var entry in group)
                {
                    command.Parameters.Clear();
                    for (var i = 0; i < columns.Count; i++)
                    {
                        var (property, _, mapping) = columns[i];
                        command.Parameters.Add(mapping.CreateParameter(command, $"$p{i}", entry.Property(property.Name).CurrentValue, property.IsNullable));
                    }
                    await command.ExecuteNonQueryAsync(ct);
                }
            }
        }
        catch (SqliteException e)
        {
            // As a failed save: the import does the batch again line by line and names the line at fault.
            throw new DbUpdateException("A new row of the batch could not be written: " + e.Message, e);
        }
        var written = 0;
        foreach (var entry in pending.Where(e => Writable(e.Metadata) is not null))
        {
            entry.State = EntityState.Detached;
            written++;
        }
        return written;
    }

    private static readonly Dictionary<IEntityType, List<(IProperty Property, string Column, RelationalTypeMapping Mapping)>?> Columns = [];

    private static readonly Lock ColumnsLock = new();

    /// <summary>
    /// The columns to write, or null when the type is not a plain table row this writer can write faithfully (a value
    /// the database makes other than an integer key, an owned or complex part, a table shared with another type).
    /// </summary>
    private static List<(IProperty Property, string Column, RelationalTypeMapping Mapping)>? Writable(IEntityType type)
    {
        lock (ColumnsLock)
        {
            if (Columns.TryGetValue(type, out var known))
            {
                return known;
            }
            List<(IProperty, string, RelationalTypeMapping)>? columns = [];
            var table = StoreObjectIdentifier.Create(type, StoreObjectType.Table);
            if (table is not { } store || type.GetComplexProperties().Any() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || type.IsOwned()
                || type.GetDiscriminatorPropertyName() is not null)
            {
                columns = null;
            }
            else
            {
                foreach (var property in type.GetProperties())
                {
                    // A Guid key is made by the entity itself (version 7) or by EF Core on the client, never by the database.
                    var storeGenerated = property.ValueGenerated != ValueGenerated.Never && property.ClrType != typeof(Guid);
                    if (storeGenerated && property.IsPrimaryKey() && property.ClrType == typeof(long))
                    {
                        // The row's number is the database's (an integer primary key): left out, as EF Core leaves it out.
                        continue;
                    }
                    if (storeGenerated || property.GetColumnName(store) is not { } column || property.GetRelationalTypeMapping() is not { } mapping)
                    {
                        columns = null;
                        break;
                    }
                    columns.Add((property, column, mapping));
                }
            }
            Columns[type] = columns;
            return columns;
        }
    }
}
