using Lantern.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Lantern.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model without a server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LanternDbContext>
{
    public LanternDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LanternDbContext>()
            .UseNpgsql("Host=localhost;Database=lantern_design", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
