using Lantern.Testing;

namespace Lantern.Tests;

/// <summary>Starting the app for a scenario that runs on both databases.</summary>
public static class Scenarios
{
    /// <summary>A started app on <paramref name="database"/> at <paramref name="start"/>; the test is skipped when PostgreSQL is asked for and not set.</summary>
    public static async Task<TestApp> StartAsync(TestDatabase database, DateTimeOffset start)
    {
        var app = new TestApp(database, start);
        await app.InitializeAsync();
        if (!app.IsAvailable)
        {
            await app.DisposeAsync();
            Assert.Skip($"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        }
        return app;
    }
}
