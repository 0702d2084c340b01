using System.Text.Json;
using System.Text.Json.Serialization;
using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Duties;
using Lantern.Features.Admin.Users;
using Lantern.Features.Children;
using Lantern.Features.Chronology;
using Lantern.Features.Disruption;
using Lantern.Features.Drafts;
using Lantern.Features.FrontDoor;
using Lantern.Features.Health;
using Lantern.Features.Home;
using Lantern.Features.Identity;
using Lantern.Features.Import;
using Lantern.Features.Inbox;
using Lantern.Features.Investigations;
using Lantern.Features.Language;
using Lantern.Features.MissingEpisodes;
using Lantern.Features.Network;
using Lantern.Features.Screenings;
using Lantern.Jobs;
using Lantern.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Lantern.Hosting;

/// <summary>Composition root of the web app: one AddXxx per concern, nothing clever.</summary>
public static class LanternWeb
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static WebApplication Build(string[] args, string? dataDir)
    {
        // The app's own files (appsettings, wwwroot) sit beside the executable, so it runs from any folder.
        // A test host passes its own content root, which wins.
        var hasContentRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = hasContentRoot ? null : AppContext.BaseDirectory,
        });
        LanternServices.ApplyDataDir(builder.Configuration, dataDir);
        // Say nothing about the server software.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddLanternCore(builder.Configuration, builder.Environment.IsDevelopment());
        builder.Services.AddDataProtection().SetApplicationName("Lantern").PersistKeysToDbContext<LanternDbContext>().ProtectKeysWithDataFolderCertificate(DataServices.ResolveDataFolder(builder.Configuration));
        builder.Services.AddLanternSecurity();
        builder.Services.AddLanternRateLimits(builder.Configuration);
        builder.Services.AddScoped<CreateUserHandler>();
        builder.Services.AddScoped<Idempotency>();
        builder.Services.AddLanternDuties(builder.Configuration);
        builder.Services.AddLanternAlerts(builder.Configuration);
        builder.Services.AddFrontDoor();
        builder.Services.AddChildRecords();
        builder.Services.AddIdentityResolution(builder.Configuration);
        builder.Services.AddChronology();
        builder.Services.AddMissingEpisodes(builder.Configuration);
        builder.Services.AddInvestigations(builder.Configuration);
        builder.Services.AddDisruption(builder.Configuration);
        builder.Services.AddNetwork(builder.Configuration);
        builder.Services.AddImport();
        builder.Services.AddScreenings();
        builder.Services.AddInbox();
        builder.Services.AddWorkList();
        builder.Services.AddScoped<LanguageReview>();
        builder.Services.AddScoped<LanguageReport>();
        builder.Services.AddScoped<Features.Alerts.AlertList>();
        builder.Services.AddScoped<Features.Admin.Language.PhraseListEditor>();
        builder.Services.AddFormDrafts();
        builder.Services.AddLanternJobs(builder.Configuration);
        builder.Services.AddAuditCheckpointWork();
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");
        builder.Services.AddProblemDetails();
        // The API speaks camelCase JSON with enums as words; the OpenAPI document says so too.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
            new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
        builder.Services.AddOpenApi();
        builder.Services.AddLanternHealthChecks();
        return Configure(builder.Build());
    }

    private static WebApplication Configure(WebApplication app)
    {
        // First, so that every answer carries them: pages, the API, static files, error pages and 404s.
        app.UseLanternSecurityHeaders();
        // Never a stack trace: ProblemDetails for the API and health, the GOV.UK error pages for pages.
        app.UseWhen(IsMachineFacing, api =>
        {
            // A body the server itself refused (over its size limit, cut short) keeps its own status, never 500.
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ApiRequestRules.StatusCodeOf });
            api.UseStatusCodePages();
            // Before authentication: a body of the wrong kind or size is 415 or 413 whoever sends it.
            api.UseApiRequestRules();
        });
        app.UseWhen(ctx => !IsMachineFacing(ctx), pages =>
        {
            pages.UseExceptionHandler("/error");
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        // Inside the error handling above, so a 429 gets ProblemDetails on the API and the "Too many requests" page.
        app.UseRateLimiter();
        app.UseStaticFiles(SecurityHeaders.StaticFiles());
        app.UseRouting();
        app.UseAuthentication();
        app.UseTwoFactorEnrolment();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapOpenApi().AllowAnonymous();
        app.MapLanternHealth();
        app.MapReferralApi();
        app.MapChronologyApi();
        app.MapImportApi();
        Features.Screenings.ScreeningEndpoints.MapScreeningApi(app);
        app.MapMissingEpisodeApi();
        app.MapCrimeApi();
        app.MapLanguageApi();
        app.MapIdentityApi();
        Features.Alerts.AlertEndpoints.MapAlertApi(app);
        LanguageReport.MapLanguageReport(app);
        ChronologyExport.MapChronologyExport(app);
        return app;
    }

    private static bool IsMachineFacing(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health")
        || context.Request.Path.StartsWithSegments("/openapi");
}
