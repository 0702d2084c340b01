using Lantern.Data;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Foundation;

/// <summary>A model change without a migration for both databases fails here, before it fails in production.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void SqliteModel_HasNoChangesWithoutAMigration()
    {
        using var db = new LanternDbContext(new DbContextOptionsBuilder<LanternDbContext>()
            .UseSqlite("Data Source=:memory:", o => o.MigrationsAssembly("Lantern.Migrations.Sqlite")).Options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration <Name> to add the missing migration.");
    }

    [Fact]
    public void PostgresModel_HasNoChangesWithoutAMigration()
    {
        using var db = new LanternDbContext(new DbContextOptionsBuilder<LanternDbContext>()
            .UseNpgsql("Host=localhost;Database=model_only", o => o.MigrationsAssembly("Lantern.Migrations.Postgres")).Options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration <Name> to add the missing migration.");
    }

    [Fact]
    public void BothProviders_HaveTheSameMigrations()
    {
        using var sqlite = new LanternDbContext(new DbContextOptionsBuilder<LanternDbContext>()
            .UseSqlite("Data Source=:memory:", o => o.MigrationsAssembly("Lantern.Migrations.Sqlite")).Options);
        using var postgres = new LanternDbContext(new DbContextOptionsBuilder<LanternDbContext>()
            .UseNpgsql("Host=localhost;Database=model_only", o => o.MigrationsAssembly("Lantern.Migrations.Postgres")).Options);
        static IEnumerable<string> Names(LanternDbContext db) => db.Database.GetMigrations().Select(m => m[15..]);
        Assert.Equal(Names(sqlite), Names(postgres));
    }
}
