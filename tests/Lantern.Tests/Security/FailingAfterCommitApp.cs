using System.Data.Common;
using Lantern.Data;
using Lantern.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Security;

/// <summary>The app with a fault put in after a commit: what a crash of the mail library, or a client gone, looks like to the request.</summary>
public sealed class FailingAfterCommitApp(TestDatabase database) : TestApp(database)
{
    public FailAfterCommit Failure { get; } = new();

    protected override void ConfigureTestServices(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<LanternDbContext>(o => o.AddInterceptors(Failure)));
    }
}

/// <summary>Once armed, throws after the next transaction that saved a new <c>T</c> has committed: the rows are stored, the caller sees an exception.</summary>
public sealed class FailAfterCommit : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private Type? _armedFor;
    private bool _pending;

    public bool Failed { get; private set; }

    public void FailNextCommitOf<T>() => _armedFor = typeof(T);

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (_armedFor is { } type && eventData.Context!.ChangeTracker.Entries().Any(e => e.State == EntityState.Added && type.IsInstanceOfType(e.Entity)))
        {
            _pending = true;
        }
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!_pending)
        {
            return Task.CompletedTask;
        }
        _pending = false;
        _armedFor = null;
        Failed = true;
        throw new InvalidOperationException("A fault after the commit, put in by the test");
    }
}
