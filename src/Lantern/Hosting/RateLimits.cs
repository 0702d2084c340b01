using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Lantern.Security;
using Microsoft.Extensions.Options;

namespace Lantern.Hosting;

/// <summary>How many requests a caller may make before being asked to wait (429). Zero switches a limit off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Lantern:RateLimits";

    /// <summary>Sign-in attempts a minute from one network address: passwords, authenticator codes and recovery codes together.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>API requests a minute with one key (or, without a key, from one network address).</summary>
    public int ApiPerMinute { get; set; } = 600;
}

/// <summary>
/// Limits sign-in attempts by network address and API calls by key, with ASP.NET Core's rate limiter (fixed
/// one-minute windows, no queue). Counts are kept by each node for itself.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddLanternRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.SignInPerMinute >= 0 && o.ApiPerMinute >= 0, $"{RateLimitOptions.Section}: limits must be zero (off) or more")
            .ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                Partition(context, context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value));
            o.OnRejected = (rejected, _) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60)
                    .ToString(CultureInfo.InvariantCulture);
                // The API and the pages' error handling (ProblemDetails, or the "Too many requests" page) write the body.
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions options)
    {
        var request = context.Request;
        if (options.ApiPerMinute > 0 && request.Path.StartsWithSegments("/api"))
        {
            var key = request.Headers[ApiKeys.Header].ToString();
            // The key itself is never kept: its hash names the partition.
            var caller = key.Length > 0 ? "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))) : "api-address:" + Address(context);
            return RateLimitPartition.GetFixedWindowLimiter(caller, _ => Window(options.ApiPerMinute));
        }
        if (options.SignInPerMinute > 0 && HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/sign-in", StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + Address(context), _ => Window(options.SignInPerMinute));
        }
        return RateLimitPartition.GetNoLimiter("none");
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
