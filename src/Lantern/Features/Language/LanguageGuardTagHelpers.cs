using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Lantern.Domain.Language;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Lantern.Features.Language;

/// <summary>How a severity is shown: the word and the GOV.UK tag colour.</summary>
public static class Severities
{
    public static string DisplayName(this Severity severity) => severity switch
    {
        Severity.Advice => "Advice",
        Severity.Warning => "Warning",
        Severity.Serious => "Serious",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity"),
    };

    public static string TagClass(this Severity severity) => severity switch
    {
        Severity.Advice => "govuk-tag--grey",
        Severity.Warning => "govuk-tag--orange",
        Severity.Serious => "govuk-tag--red",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity"),
    };
}

/// <summary>
/// The panel below a guarded field. wwwroot/js/language-guard.js writes the same markup while the
/// person types; the server writes it when a save found something, so it is there without scripts.
/// The panel is a polite live region: a screen reader hears what was found without losing its place.
/// </summary>
public static class LanguageFindingsHtml
{
    public static string Panel(string id, string label, IReadOnlyList<LanguageFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var e = HtmlEncoder.Default;
        return $"<div class=\"lantern-language-guard\" id=\"{e.Encode(id)}\" data-lantern-language-panel=\"{e.Encode(label)}\" aria-live=\"polite\">"
               + Findings(findings) + "</div>";
    }

    public static string Findings(IReadOnlyList<LanguageFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Count == 0)
        {
            return "";
        }
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        var title = findings.Count == 1
            ? "Check this wording: it can put the blame on the child"
            : $"Check this wording: {findings.Count.ToString(CultureInfo.InvariantCulture)} phrases can put the blame on the child";
        html.Append("<div class=\"govuk-inset-text lantern-language-guard__findings\">")
            .Append("<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>")
            .Append(CultureInfo.InvariantCulture, $"<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span> {e.Encode(title)}</strong></div>")
            .Append("<ul class=\"govuk-list lantern-language-guard__list\">");
        foreach (var finding in findings)
        {
            html.Append("<li>")
                .Append(CultureInfo.InvariantCulture, $"<p class=\"govuk-body govuk-!-margin-bottom-1\"><mark class=\"lantern-language-guard__phrase\">\u201C{e.Encode(finding.Phrase)}\u201D</mark> ")
                .Append(CultureInfo.InvariantCulture, $"<strong class=\"govuk-tag {finding.Severity.TagClass()}\">{finding.Severity.DisplayName()}</strong></p>")
                .Append(CultureInfo.InvariantCulture, $"<p class=\"govuk-body govuk-!-margin-bottom-1\">{e.Encode(finding.Reason)}</p>")
                .Append("<p class=\"govuk-body govuk-!-margin-bottom-1\">Instead, consider:</p><ul class=\"govuk-list govuk-list--bullet\">");
            foreach (var alternative in finding.Alternatives)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{e.Encode(alternative)}</li>");
            }
            html.Append("</ul></li>");
        }
        return html.Append("</ul></div>").ToString();
    }
}

/// <summary>
/// "Keep this wording?" for a form that the language guard sent back: a checkbox that reveals the
/// note saying why, and the review the answer belongs to. Shows nothing unless the page's last save
/// of this form found something. Place it before the form's button.
/// </summary>
[HtmlTargetElement("language-keep", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LanguageKeepTagHelper : TagHelper
{
    /// <summary>The form's name as the page gives it to <see cref="LanguageReview.CheckAsync"/>.</summary>
    [HtmlAttributeName("form")]
    public string Form { get; set; } = "";

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (ViewContext.ViewData[LanguageReview.ViewDataKey] is not LanguageReviewResult { HasFindings: true } review || review.Form != Form)
        {
            output.SuppressOutput();
            return;
        }
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{LanguageReview.Prefix}.Review\" value=\"{review.ReviewId}\">");
        if (review.CanKeep)
        {
            var state = ViewContext.ViewData.ModelState;
            var error = state.TryGetValue(LanguageReview.NoteField, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
            var keepId = TagBuilder.CreateSanitizedId(LanguageReview.Prefix + ".Keep", "_");
            var noteId = TagBuilder.CreateSanitizedId(LanguageReview.NoteField, "_");
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"govuk-form-group{(error is null ? "" : " govuk-form-group--error")}\">")
                .Append(CultureInfo.InvariantCulture, $"<fieldset class=\"govuk-fieldset\" aria-describedby=\"{keepId}-hint\">")
                .Append("<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\"><h2 class=\"govuk-fieldset__heading\">Keep this wording?</h2></legend>")
                .Append(CultureInfo.InvariantCulture, $"<div id=\"{keepId}-hint\" class=\"govuk-hint\">Change the wording above if you can. Keep it only if it is right, for example ")
                .Append("when it is what someone said. Your reason is kept with the record and the wording is counted, without the child's details, in a report for managers.</div>")
                .Append("<div class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\">")
                .Append(CultureInfo.InvariantCulture, $"<input class=\"govuk-checkboxes__input\" id=\"{keepId}\" name=\"{LanguageReview.Prefix}.Keep\" type=\"checkbox\" value=\"true\"{(review.Keep ? " checked" : "")} data-aria-controls=\"conditional-{keepId}\">")
                .Append(CultureInfo.InvariantCulture, $"<label class=\"govuk-label govuk-checkboxes__label\" for=\"{keepId}\">Keep this wording</label></div>")
                .Append(CultureInfo.InvariantCulture, $"<div class=\"govuk-checkboxes__conditional{(review.Keep ? "" : " govuk-checkboxes__conditional--hidden")}\" id=\"conditional-{keepId}\">")
                .Append(CultureInfo.InvariantCulture, $"<div class=\"govuk-form-group{(error is null ? "" : " govuk-form-group--error")}\">")
                .Append(CultureInfo.InvariantCulture, $"<label class=\"govuk-label\" for=\"{noteId}\">Why are you keeping this wording?</label>");
            if (error is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p id=\"{noteId}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {e.Encode(error)}</p>");
            }
            html.Append(CultureInfo.InvariantCulture, $"<textarea class=\"govuk-textarea{(error is null ? "" : " govuk-textarea--error")}\" id=\"{noteId}\" name=\"{LanguageReview.NoteField}\" rows=\"3\"")
                .Append(error is null ? "" : $" aria-describedby=\"{noteId}-error\"")
                .Append(CultureInfo.InvariantCulture, $">{e.Encode(review.Note ?? "")}</textarea></div></div></div></fieldset></div>");
        }
        output.TagName = null;
        output.Content.SetHtmlContent(html.ToString());
    }
}
