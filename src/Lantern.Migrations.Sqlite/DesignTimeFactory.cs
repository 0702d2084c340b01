using Lantern.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Lantern.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the SQLite model without starting the app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LanternDbContext>
{
    public LanternDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LanternDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
