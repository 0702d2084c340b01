using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Errors;

/// <summary>Every error a person can meet on a page, in plain words, with no technical detail.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = "";

    public string Advice { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        // A re-executed request keeps its status; a direct visit to /error is a server error page.
        Code = code ?? (Response.StatusCode >= 400 ? Response.StatusCode : 500);
        (Heading, Advice) = Code switch
        {
            400 => ("There was a problem with the form", "The page may have expired. Go back, reload the page and try again."),
            403 => ("You do not have permission to see this page", "Your role does not give access to it. If you need it for your work, ask your manager or administrator."),
            404 => ("Page not found", "If you typed the web address, check it is correct. If you followed a link to a record, it may not exist or you may not have a reason to see it."),
            405 => ("That action is not available here", "Go back and use the buttons on the page."),
            429 => ("Too many requests", "Wait a minute and try again."),
            503 => ("Lantern is not available right now", "The database cannot be reached. Try again in a few minutes; if it goes on, tell your administrator."),
            _ => ("Sorry, there is a problem with the service", "Try again later. What you were doing has not been saved unless you saw a confirmation."),
        };
        Response.StatusCode = Code;
    }
}
