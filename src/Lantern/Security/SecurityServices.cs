using System.Diagnostics;
using System.Security.Claims;
using Lantern.Auditing;
using Lantern.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

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
            // Identity's own authenticator provider accepts a code again while it is valid: this one, once.
            .AddTokenProvider<AuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<LanternClaimsPrincipalFactory>()
            .AddEntityFrameworkStores<LanternDbContext>();
    }

    public static IServiceCollection AddLanternSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeys.Scheme, null)
            .AddIdentityCookies();
        services.AddLanternIdentity().AddSignInManager<LanternSignInManager>();
        services.AddOptions<AccountSecurityOptions>().BindConfiguration(AccountSecurityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountSecurityOptions>>(new Hosting.FieldOptionsValidation<AccountSecurityOptions>(AccountSecurityOptions.Check));
        services.AddScoped<UserSessions>();
        // The server's session check ends an idle session (and records why); the cookie's own expiry, a little later,
        // is only a backstop.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AccountSecurityOptions>>((o, security) => o.ExpireTimeSpan = security.Value.IdleTimeout + TimeSpan.FromMinutes(5));
        // The security stamp is checked on every request. Identity checks only when more than the interval has passed
        // since the sign-in was issued; with an interval of zero, a request in the same tick as the sign-in, or on a node
        // whose clock is behind the node that signed the person in, would skip the check and outlive a sign-out. No
        // interval at all (the smallest there is) checks every time, whatever the clocks say.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, time) =>
        {
            o.ValidationInterval = TimeSpan.MinValue;
            o.TimeProvider = time;
            // The principal is rebuilt from the account at every check; the session and how the person signed in
            // are not the account's, so they are carried over from the cookie.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                {
                    foreach (var claim in current.Claims.Where(c => c.Type is LanternClaimTypes.Session or LanternClaimTypes.AuthenticationMethod))
                    {
                        identity.AddClaim(new Claim(claim.Type, claim.Value));
                    }
                }
                return Task.CompletedTask;
            };
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
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                // The sign-in is checked against the account on every request: a sign-out, a lockout or anything
                // else that changes the account's security stamp ends every session at once, on every node.
                // Then the session the cookie names must still be open: not ended, idle or too old, and the account's
                // role the one it signed in with.
                OnValidatePrincipal = ValidateSessionAsync,
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

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var before = context.Principal;
        var role = before?.FindFirstValue(ClaimTypes.Role);
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        if (context.Principal is null)
        {
            // The account's stamp changed (disabled, locked, reset, two-factor changed): its session is over too.
            if (UserSessions.IdOf(before) is { } id && CurrentUser.From(before) is { } user)
            {
                await sessions.EndAsync(user.Id, id, SessionEnd.AccountChanged, context.HttpContext.RequestAborted);
            }
            return;
        }
        if (!await sessions.CheckAsync(context.Principal, role, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>
    /// While two-factor sign-in is required, someone signed in with a password alone (who has not set it up yet)
    /// can set it up or sign out, and nothing else.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var user = context.User;
        if (UserSessions.IdOf(user) is null || UserSessions.IsTwoFactor(user)
            || !context.RequestServices.GetRequiredService<IOptions<AccountSecurityOptions>>().Value.RequireTwoFactor
            || context.Request.Path.StartsWithSegments(Features.Account.TwoFactorSetUpModel.PagePath)
            || context.Request.Path.StartsWithSegments("/sign-out") || context.Request.Path.StartsWithSegments("/error"))
        {
            return next(context);
        }
        if (context.Request.Path.StartsWithSegments("/api") || IsBackgroundRequest(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            return Task.CompletedTask;
        }
        context.Response.Redirect(Features.Account.TwoFactorSetUpModel.PagePath);
        return Task.CompletedTask;
    });

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
