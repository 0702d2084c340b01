using System.CommandLine;
using System.Data.Common;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Language;
using Lantern.Domain.Partnership;
using Lantern.Features.Admin.Users;
using Lantern.Hosting;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Cli;

/// <summary>
/// The verbs of the one executable. `serve` is the default. Every verb takes --data-dir and the
/// database settings (Lantern__Database__Provider, Lantern__Database__ConnectionString or appsettings).
/// </summary>
public static class LanternCommandLine
{
    private static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Folder for the embedded database and local files (default ./lantern-data, or LANTERN_DATA_DIR)",
        Recursive = true,
    };

    private static readonly Option<string?> Urls = new("--urls")
    {
        Description = "Addresses to listen on (default http://127.0.0.1:5000)",
    };

    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = Build();
        var result = root.Parse(args);
        return await result.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    public static RootCommand Build()
    {
        var root = new RootCommand("Lantern: a multi-agency safeguarding platform. With no verb, serves the web app.");
        root.Options.Add(DataDir);
        root.Options.Add(Urls);
        // Unknown options pass through to ASP.NET Core configuration (for example --environment).
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(ServeAsync);

        var serve = new Command("serve", "Serve the web app and API (the default)") { Urls };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction(ServeAsync);
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Create the database or bring it up to date, then exit");
        migrate.SetAction((p, ct) => RunAsync(p, async (sp, ct2) =>
        {
            var startup = sp.GetRequiredService<DatabaseStartup>();
            var applied = await startup.MigrateAsync(ct2);
            Console.WriteLine(applied ? $"Migrated {startup.Describe()}." : $"{startup.Describe()} is up to date.");
            return 0;
        }, ct));
        root.Subcommands.Add(migrate);

        var seed = new Command("seed-demo", "Add the fictional Northbridge partnership and demo accounts to an empty database");
        seed.SetAction((p, ct) => RunAsync(p, async (sp, ct2) =>
        {
            await sp.GetRequiredService<DatabaseStartup>().MigrateAsync(ct2);
            await using var scope = sp.CreateAsyncScope();
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeed>().SeedIfEmptyAsync(ct2);
            if (!seeded)
            {
                Console.Error.WriteLine("The database already has agencies; demo data is only added to an empty database.");
                return 1;
            }
            PrintDemoSignIns(Console.Out);
            return 0;
        }, ct));
        root.Subcommands.Add(seed);

        root.Subcommands.Add(BuildUsers());
        root.Subcommands.Add(BuildAudit());
        root.Subcommands.Add(BuildApiKeys());
        root.Subcommands.Add(LinkCommand.Build());
        root.Subcommands.Add(SynthCommand.Build());
        root.Subcommands.Add(LanguageCommand.Build());
        root.Subcommands.Add(ImportCommand.Build());
        root.Subcommands.Add(ImportCommand.BuildExport());
        root.Subcommands.Add(AlertsCommand.Build());
        return root;
    }

    private static Command BuildUsers()
    {
        var email = new Option<string>("--email") { Description = "Email address; also the sign-in name", Required = true };
        var name = new Option<string?>("--name") { Description = "Full name as colleagues know it (default: the email)" };
        var role = new Option<string>("--role") { Description = "One of: " + string.Join(", ", Roles.All), Required = true };
        var agency = new Option<string>("--agency") { Description = "The agency's name exactly as in Lantern", Required = true };
        var team = new Option<string?>("--team") { Description = "The team's name within the agency (optional)" };
        var create = new Command("create", "Create an account; the password is read from standard input") { email, name, role, agency, team };
        create.SetAction((p, ct) => RunAsync(p, async (sp, ct2) =>
        {
            await sp.GetRequiredService<DatabaseStartup>().MigrateAsync(ct2);
            await using var scope = sp.CreateAsyncScope();
            var password = (await Console.In.ReadLineAsync(ct2))?.TrimEnd('\r', '\n') ?? "";
            var request = new CreateUserRequest(p.GetValue(email)!, p.GetValue(name) ?? p.GetValue(email), p.GetValue(role)!, p.GetValue(agency)!, p.GetValue(team), password);
            var outcome = await scope.ServiceProvider.GetRequiredService<CreateUserHandler>().HandleAsync(request, ct2);
            if (outcome.Errors.Count > 0)
            {
                foreach (var (field, message) in outcome.Errors)
                {
                    Console.Error.WriteLine($"{CliName(field)}: {message}");
                }
                return 2;
            }
            Console.WriteLine($"Created {request.Email} ({outcome.User!.Role.DisplayName()}).");
            return 0;
        }, ct));
        var users = new Command("users", "Manage accounts");
        users.Subcommands.Add(create);
        return users;
    }

    private static string CliName(string field) => field switch
    {
        nameof(CreateUserRequest.Email) => "--email",
        nameof(CreateUserRequest.DisplayName) => "--name",
        nameof(CreateUserRequest.Role) => "--role",
        nameof(CreateUserRequest.Agency) => "--agency",
        nameof(CreateUserRequest.Team) => "--team",
        nameof(CreateUserRequest.Password) => "password (standard input)",
        _ => field,
    };

    private static Command BuildAudit()
    {
        var verify = new Command("verify", "Check the audit trail's hash chain and every signed checkpoint; exits 1 naming what is wrong");
        verify.SetAction((p, ct) => RunAsync(p, async (sp, ct2) =>
        {
            await using var scope = sp.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var report = await AuditReport.VerifyAsync(services, ct2);
            await report.WriteAsync(Console.Out, Console.Error);
            if (report.IsIntact)
            {
                return 0;
            }
            await RecordFailedVerificationAsync(services, report.FirstProblem!, ct2);
            return 1;
        }, ct));
        var checkpoint = new Command("checkpoint", "Write a signed checkpoint of the audit trail's head now, outside the database");
        checkpoint.SetAction((p, ct) => RunAsync(p, async (sp, ct2) =>
        {
            await using var scope = sp.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditCheckpointWriter>().WriteAsync(scheduled: false, ct2);
            if (result.TrailEmpty)
            {
                Console.WriteLine("The audit trail is empty: there is nothing to checkpoint yet.");
                return 0;
            }
            if (result.Checkpoint is not { } c)
            {
                await Console.Error.WriteLineAsync("No checkpoint was written: " + result.Problem);
                return 1;
            }
            var o = scope.ServiceProvider.GetRequiredService<IOptions<AuditCheckpointOptions>>().Value;
            Console.WriteLine($"Checkpoint {c.Id} written: event {c.Sequence}, head {c.Head}, key {c.KeyId}, in {AuditCheckpointStore.FileOf(o.Directory!, c.Node)}.");
            if (o.SecondDirectory is { } second)
            {
                if (result.SecondStoreProblem is null)
                {
                    Console.WriteLine($"Also in {AuditCheckpointStore.FileOf(second, c.Node)}.");
                }
                else
                {
                    await Console.Error.WriteLineAsync("Not written to the second store: " + result.SecondStoreProblem);
                    return 1;
                }
            }
            return 0;
        }, ct));
        var audit = new Command("audit", "Work with the audit trail");
        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(checkpoint);
        return audit;
    }

    /// <summary>A failed verification goes into the trail (9005), when the database still takes writes.</summary>
    private static async Task RecordFailedVerificationAsync(IServiceProvider services, string problem, CancellationToken ct)
    {
        try
        {
            await services.GetRequiredService<AuditTrail>().SaveAsync(
                AuditEntry.Denied(AuditCode.AuditVerificationFailed, "AuditTrail", null, problem), ct);
        }
        catch (DbException ex)
        {
            await Console.Error.WriteLineAsync($"(The failed verification could not be recorded in the trail: {ex.Message})");
        }
    }

    private static Command BuildApiKeys()
    {
        var agency = new Option<string>("--agency") { Description = "The agency whose system will use the key, by name", Required = true };
        var label = new Option<string>("--label") { Description = "What the key is for, for example \"Police case system\"", Required = true };
        var create = new Command("create", "Create an API key for an agency system; the key is printed once and stored only as a hash") { agency, label };
        create.SetAction((p, ct) => RunAsync(p, async (sp, ct2) =>
        {
            await sp.GetRequiredService<DatabaseStartup>().MigrateAsync(ct2);
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
            var text = p.GetValue(label)!.Trim();
            if (text.Length is 0 or > 200)
            {
                await Console.Error.WriteLineAsync("--label: Enter what the key is for, in 200 characters or fewer.");
                return 2;
            }
            var created = await ApiKeys.CreateAsync(db, p.GetValue(agency)!.Trim(), text, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct2);
            if (created is not { } c)
            {
                await Console.Error.WriteLineAsync($"--agency: There is no agency called \"{p.GetValue(agency)}\".");
                return 2;
            }
            await scope.ServiceProvider.GetRequiredService<AuditTrail>().SaveAsync(AuditEntry.Allowed(AuditCode.ApiKeyCreated, "ApiKey", c.Record.Id.ToString(), text), ct2);
            Console.WriteLine($"API key {c.Record.Prefix}… created for {p.GetValue(agency)} ({text}). It is shown only now; store it in the agency system's secret store:");
            Console.WriteLine(c.Key);
            return 0;
        }, ct));
        var prefix = new Option<string>("--prefix") { Description = "The key's first characters as printed when it was created (lk_...)", Required = true };
        var revoke = new Command("revoke", "Revoke an API key at once") { prefix };
        revoke.SetAction((p, ct) => RunAsync(p, async (sp, ct2) =>
        {
            await sp.GetRequiredService<DatabaseStartup>().MigrateAsync(ct2);
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
            var given = p.GetValue(prefix)!.Trim().TrimEnd('…');
            var keys = await db.ApiKeys.Where(k => k.RevokedAt == null && k.Prefix.StartsWith(given)).ToListAsync(ct2);
            if (keys.Count != 1 || given.Length < 6)
            {
                await Console.Error.WriteLineAsync(keys.Count == 0
                    ? $"--prefix: No active API key starts with \"{given}\"."
                    : "--prefix: Give more characters of the key: several active keys start with these.");
                return 2;
            }
            keys[0].RevokedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            await scope.ServiceProvider.GetRequiredService<AuditTrail>().SaveAsync(AuditEntry.Allowed(AuditCode.ApiKeyRevoked, "ApiKey", keys[0].Id.ToString()), ct2);
            Console.WriteLine($"API key {keys[0].Prefix}… ({keys[0].Label}) revoked.");
            return 0;
        }, ct));
        var apikey = new Command("apikey", "Manage agency systems' API keys");
        apikey.Subcommands.Add(create);
        apikey.Subcommands.Add(revoke);
        return apikey;
    }

    private static async Task<int> ServeAsync(ParseResult parse, CancellationToken ct)
    {
        var passThrough = parse.UnmatchedTokens.ToList();
        if (parse.GetValue(Urls) is { } urls)
        {
            passThrough.Add($"--urls={urls}");
        }
        var app = LanternWeb.Build([.. passThrough], parse.GetValue(DataDir));
        try
        {
            // Before the host starts, so a database a person must fix is reported in one line, not as a host failure.
            _ = app.Services.GetRequiredService<WorkingDayCalendar>();
            _ = app.Services.GetRequiredService<IOptions<Domain.Escalation.EscalationOptions>>().Value;
            _ = app.Services.GetRequiredService<IOptions<Alerts.AlertOptions>>().Value;
            _ = app.Services.GetRequiredService<IOptions<Domain.Children.ChildRecordOptions>>().Value;
            _ = app.Services.GetRequiredService<LanguageGuard>();
            _ = app.Services.GetRequiredService<Features.Screenings.ScreeningToolCatalog>();
            _ = app.Services.GetRequiredService<IOptions<AuditCheckpointOptions>>().Value;
            // The checkpoint key is made at first start, so a folder Lantern cannot write is found now.
            _ = app.Services.GetRequiredService<AuditCheckpointKeys>().Signing();
            var database = app.Services.GetRequiredService<DatabaseStartup>();
            await database.MigrateAsync(ct);
            await database.SeedDemoIfEmptyAsync(ct);
            await app.StartAsync(ct);
        }
        catch (Exception ex) when (StartupProblem(ex) is { } message)
        {
            await Console.Error.WriteLineAsync("Lantern could not start: " + message);
            return 1;
        }
        if (app.Environment.IsEnvironment("Testing"))
        {
            // Under the test host the console belongs to the test runner.
            await app.WaitForShutdownAsync(ct);
            return 0;
        }
        var startup = app.Services.GetRequiredService<DatabaseStartup>();
        Console.WriteLine($"Lantern is running at {string.Join(", ", app.Urls)}");
        Console.WriteLine($"Database: {startup.Describe()}");
        if (await HasDemoAccountsAsync(app.Services, ct))
        {
            PrintDemoSignIns(Console.Out);
        }
        Console.WriteLine("Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    private static async Task<bool> HasDemoAccountsAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
        var first = DemoSeed.Accounts[0].Email.ToUpperInvariant();
        return await db.Users.AnyAsync(u => u.NormalizedEmail == first, ct);
    }

    internal static void PrintDemoSignIns(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Demo sign-ins (fictional Northbridge partnership; every password is {DemoSeed.DemoPassword}):");
        output.WriteLine($"Two-factor sign-in: add the key {DemoSeed.DemoAuthenticatorKey} to an authenticator app (or run: oathtool --totp -b {DemoSeed.DemoAuthenticatorKey}).");
        foreach (var a in DemoSeed.Accounts)
        {
            output.WriteLine($"  {a.Role.DisplayName(),-24} {a.Email,-36} {a.DisplayName}, {a.Agency}");
        }
        output.WriteLine();
    }

    /// <summary>Runs a verb inside a host that has the same data, audit and account services as the app.</summary>
    private static Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CancellationToken, Task<int>> verb, CancellationToken ct) =>
        RunAsync(parse, verb, null, ct);

    /// <summary>Runs a verb with the core services and, where the verb needs them, a feature's (<paramref name="more"/>).</summary>
    internal static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CancellationToken, Task<int>> verb,
        Action<IServiceCollection, IConfiguration>? more, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        LanternServices.ApplyDataDir(builder.Configuration, parse.GetValue(DataDir));
        // A verb's output is its answer; routine log lines would only get in the way.
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning"), new("Logging:LogLevel:Lantern", "Warning")]);
        builder.Services.AddLanternCore(builder.Configuration, builder.Environment.IsDevelopment());
        builder.Services.AddLanternIdentity();
        builder.Services.AddSingleton<IAuditActorAccessor, CommandLineActor>();
        builder.Services.AddScoped<CreateUserHandler>();
        more?.Invoke(builder.Services, builder.Configuration);
        using var host = builder.Build();
        try
        {
            // Options are validated here so a bad setting is named before any work starts.
            _ = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<AuditCheckpointOptions>>().Value;
            _ = host.Services.GetRequiredService<WorkingDayCalendar>();
            return await verb(host.Services, ct);
        }
        catch (Exception ex) when (StartupProblem(ex) is { } message)
        {
            await Console.Error.WriteLineAsync("lantern: " + message);
            return 1;
        }
    }

    internal static string? StartupProblem(Exception ex) => ex switch
    {
        DatabaseStartupException d => d.Message,
        OptionsValidationException o => string.Join(" ", o.Failures),
        CalendarConfigurationException c => c.Message,
        LanguageGuardConfigurationException l => l.Message,
        AuditCheckpointKeyException k => k.Message,
        Domain.Screening.ScreeningToolException s => s.Message,
        AggregateException { InnerExceptions.Count: 1 } a => StartupProblem(a.InnerException!),
        _ => null,
    };

    private sealed class CommandLineActor : IAuditActorAccessor
    {
        public AuditActor Current { get; } = new("command-line", "command line (" + Environment.UserName + ")", null, null);

        public string? CorrelationId => null;
    }
}
