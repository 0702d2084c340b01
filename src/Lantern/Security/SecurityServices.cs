using System.Diagnostics;
using Lantern.Auditing;
using Lantern.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;

namespace Lantern.Security;

public static class SecurityServices
{
    /// <summary>ASVS v5 Appendix C: PBKDF2-HMAC-SHA512 needs at least 210,000 iterations (Identity's default is 100,000).</summary>
    public const int PasswordHashIterations = 210_000;

    /// <summary>Accounts, password rules and hashing: shared by the web app and the command line.</summary>
    public static IdentityBuilder AddLanternIdentity(this IServiceCollection services)
    {
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordHashIterations;
        });
        return services.AddIdentityCore<LanternUser>(o =>
            {
                // ASVS 6.2: length, no composition rules, long passphrases allowed.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                // The account itself locks only after this many failures from anywhere; five from one network address
                // lock only that address out (SignInLockouts), so an outsider cannot lock a colleague out.
                o.Lockout.MaxFailedAccessAttempts = Features.SignIn.SignInLockouts.AccountWideFailures;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddUserManager<LanternUserManager>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<LanternClaimsPrincipalFactory>()
            .AddEntityFrameworkStores<LanternDbContext>();
    }

    public static IServiceCollection AddLanternSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeys.Scheme, null)
            .AddIdentityCookies();
        services.AddLanternIdentity().AddSignInManager();
        // The security stamp is checked on every request. Identity checks only when more than the interval has passed
        // since the sign-in was issued; with an interval of zero, a request in the same tick as the sign-in, or on a node
        // whose clock is behind the node that signed the person in, would skip the check and outlive a sign-out. No
        // interval at all (the smallest there is) checks every time, whatever the clocks say.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, time) =>
        {
            o.ValidationInterval = TimeSpan.MinValue;
            o.TimeProvider = time;
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "Lantern.SignIn";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/sign-in";
            o.LogoutPath = "/sign-out";
            o.AccessDeniedPath = "/error/403";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                // The sign-in is checked against the account on every request: a sign-out, a lockout or anything
                // else that changes the account's security stamp ends every session at once, on every node.
                OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,
                // Pages redirect to the sign-in page; the API and a page's background requests answer 401/403.
                OnRedirectToLogin = ctx => Respond(ctx, StatusCodes.Status401Unauthorized, redirect: true),
                // A signed-in user who may not use a page gets a 403 page, not a redirect.
                OnRedirectToAccessDenied = ctx => Respond(ctx, StatusCodes.Status403Forbidden, redirect: false),
            };
        });

        services.AddAuthorizationBuilder().AddLanternPolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        services.AddSingleton<Features.SignIn.SignInLockouts>();
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditActorAccessor, HttpAuditActorAccessor>();
        services.AddScoped(sp => CurrentUser.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User)
            ?? throw new InvalidOperationException("No signed-in user: this service is only for pages and endpoints that require sign-in."));
        services.AddScoped<DataScope>();
        return services;
    }

    private static Task Respond(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status, bool redirect)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || !redirect)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        if (IsBackgroundRequest(ctx.Request))
        {
            // A script saving a draft must learn that the sign-in has expired, so it can keep what was
            // typed; fetch would follow a redirect to the sign-in page and take it for a success. The bare
            // status is the whole answer: an error page would say the service had failed, which it has not.
            ctx.Response.StatusCode = status;
            ctx.HttpContext.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A request made by a page's script rather than by navigating: it says so with
    /// <c>X-Requested-With</c>, or asks for JSON and not HTML.
    /// </summary>
    internal static bool IsBackgroundRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrEmpty(request.Headers.XRequestedWith))
        {
            return true;
        }
        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The actor of the current request, for the audit trail.</summary>
internal sealed class HttpAuditActorAccessor(IHttpContextAccessor http) : IAuditActorAccessor
{
    public AuditActor Current
    {
        get
        {
            var principal = http.HttpContext?.User;
            if (principal?.FindFirst(ApiKeys.ApiKeyIdClaim) is { } key)
            {
                return new AuditActor("apikey:" + key.Value, principal.Identity?.Name, principal.FindFirst(LanternClaimTypes.Agency)?.Value, ApiKeys.AgencySystemRole);
            }
            var user = CurrentUser.From(principal);
            return user is null
                ? AuditActor.Anonymous
                : new AuditActor(user.Id.ToString(), user.UserName, user.AgencyId.ToString(), user.Role.ToString());
        }
    }

    public string? CorrelationId => Activity.Current?.TraceId.ToString() ?? http.HttpContext?.TraceIdentifier;
}

/// <summary>Records every refusal by policy (403) in the audit trail before answering.</summary>
internal sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden)
        {
            var audit = context.RequestServices.GetRequiredService<AuditTrail>();
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.AccessDenied, "Endpoint",
                $"{context.Request.Method} {context.Request.Path}", "policy"), context.RequestAborted);
        }
        await _inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
