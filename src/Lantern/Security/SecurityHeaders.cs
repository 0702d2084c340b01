using Microsoft.Net.Http.Headers;

namespace Lantern.Security;

/// <summary>
/// The headers every response carries, whatever answers it (a page, the API, a static file, an error page, a 404):
/// a Content-Security-Policy that Lantern's own pages satisfy (scripts and styles from Lantern itself, no inline
/// script or style, never framed), no referrer, no powerful browser features, no content sniffing, and nothing
/// kept in a cache except the page styles and scripts. Set when the response starts, so that an error handler
/// that clears the response cannot drop them.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Lantern's pages load their scripts, styles and images from Lantern only; the scripts are files, never inline.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), "
        + "microphone=(), midi=(), payment=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

    private const string StaticFileKey = "Lantern.StaticFile";

    /// <summary>Adds the headers to every response from here on; call first, before the error handlers.</summary>
    public static IApplicationBuilder UseLanternSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers.Remove(HeaderNames.Server);
                // Anything but the styles and scripts may show personal data, or say who is signed in: never stored.
                if (!http.Items.ContainsKey(StaticFileKey))
                {
                    headers[HeaderNames.CacheControl] = "no-store";
                    headers.Remove(HeaderNames.Expires);
                    headers[HeaderNames.Pragma] = "no-cache";
                }
                return Task.CompletedTask;
            }, context);
            return next(context);
        });

    /// <summary>Static files (styles, scripts, images) may be cached: they hold nothing about anyone.</summary>
    public static StaticFileOptions StaticFiles() => new()
    {
        OnPrepareResponse = ctx =>
        {
            ctx.Context.Items[StaticFileKey] = true;
            ctx.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        },
    };
}
