using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Lantern.Features.Layout;

/// <summary>
/// GOV.UK Design System form fields bound to a page model: label, hint, error message and the
/// input wired with aria-describedby, so errors are read out with the field they belong to.
/// </summary>
public abstract class GovukFieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = default!;

    [HtmlAttributeName("label")]
    public string Label { get; set; } = "";

    [HtmlAttributeName("hint")]
    public string? Hint { get; set; }

    /// <summary>Show the label as the page heading (one question per page).</summary>
    [HtmlAttributeName("label-is-heading")]
    public bool LabelIsHeading { get; set; }

    [HtmlAttributeName("css-class")]
    public string? CssClass { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = default!;

    protected string Name => For.Name;

    protected string Id => TagBuilder.CreateSanitizedId(For.Name, "_");

    protected string? Error =>
        ViewContext.ViewData.ModelState.TryGetValue(For.Name, out var entry) && entry.Errors.Count > 0
            ? entry.Errors[0].ErrorMessage
            : null;

    protected string? CurrentValue =>
        ViewContext.ViewData.ModelState.TryGetValue(For.Name, out var entry) && entry.AttemptedValue is not null
            ? entry.AttemptedValue
            : For.Model?.ToString();

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var e = HtmlEncoder.Default;
        var error = Error;
        var describedBy = new List<string>();
        var html = new HtmlContentBuilder();
        html.AppendHtml(LabelIsHeading ? "<h1 class=\"govuk-label-wrapper\">" : "");
        html.AppendHtml($"<label class=\"govuk-label{(LabelIsHeading ? " govuk-label--l" : "")}\" for=\"{e.Encode(Id)}\">{e.Encode(Label)}</label>");
        html.AppendHtml(LabelIsHeading ? "</h1>" : "");
        if (!string.IsNullOrEmpty(Hint))
        {
            describedBy.Add(Id + "-hint");
            html.AppendHtml($"<div id=\"{e.Encode(Id)}-hint\" class=\"govuk-hint\">{e.Encode(Hint)}</div>");
        }
        if (error is not null)
        {
            describedBy.Add(Id + "-error");
            html.AppendHtml($"<p id=\"{e.Encode(Id)}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {e.Encode(error)}</p>");
        }
        describedBy.AddRange(AlsoDescribedBy);
        html.AppendHtml(Control(e, error is not null, describedBy.Count > 0 ? string.Join(' ', describedBy) : null));
        html.AppendHtml(AfterControl(e));
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-form-group" + (error is not null ? " govuk-form-group--error" : ""));
        output.Content.SetHtmlContent(html);
    }

    protected abstract string Control(HtmlEncoder e, bool hasError, string? describedBy);

    /// <summary>Ids of what the control shows after itself, which describe it too.</summary>
    protected virtual IEnumerable<string> AlsoDescribedBy => [];

    protected virtual string AfterControl(HtmlEncoder e) => "";

    protected static string Attr(HtmlEncoder e, string name, string? value) =>
        value is null ? "" : $" {name}=\"{e.Encode(value)}\"";
}

[HtmlTargetElement("govuk-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukInputTagHelper : GovukFieldTagHelper
{
    [HtmlAttributeName("type")]
    public string Type { get; set; } = "text";

    [HtmlAttributeName("autocomplete")]
    public string? Autocomplete { get; set; }

    [HtmlAttributeName("spellcheck")]
    public bool? Spellcheck { get; set; }

    /// <summary>The keyboard a phone shows, such as <c>numeric</c> for a code.</summary>
    [HtmlAttributeName("inputmode")]
    public string? InputMode { get; set; }

    protected override string Control(HtmlEncoder e, bool hasError, string? describedBy)
    {
        // Never echo a password back into the page.
        var value = Type == "password" ? null : CurrentValue;
        var css = "govuk-input" + (CssClass is null ? "" : " " + CssClass) + (hasError ? " govuk-input--error" : "");
        return $"<input class=\"{css}\" id=\"{e.Encode(Id)}\" name=\"{e.Encode(Name)}\" type=\"{e.Encode(Type)}\""
               + Attr(e, "value", value)
               + Attr(e, "autocomplete", Autocomplete)
               + Attr(e, "spellcheck", Spellcheck is null ? null : Spellcheck.Value ? "true" : "false")
               + Attr(e, "inputmode", InputMode)
               + Attr(e, "aria-describedby", describedBy)
               + ">";
    }
}

[HtmlTargetElement("govuk-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukTextareaTagHelper : GovukFieldTagHelper
{
    [HtmlAttributeName("rows")]
    public int Rows { get; set; } = 5;

    /// <summary>
    /// Free text the language guard reads: as the person types (the page's script, for any field with
    /// data-lantern-language-guard) and, on forms that check again on save, with what it found listed
    /// below the field.
    /// </summary>
    [HtmlAttributeName("language-guard")]
    public bool LanguageGuard { get; set; }

    private string PanelId => Id + "-language";

    protected override IEnumerable<string> AlsoDescribedBy => LanguageGuard ? [PanelId] : [];

    protected override string Control(HtmlEncoder e, bool hasError, string? describedBy)
    {
        var css = "govuk-textarea" + (hasError ? " govuk-textarea--error" : "");
        return $"<textarea class=\"{css}\" id=\"{e.Encode(Id)}\" name=\"{e.Encode(Name)}\" rows=\"{Rows.ToString(CultureInfo.InvariantCulture)}\""
               + (LanguageGuard ? " data-lantern-language-guard" : "")
               + Attr(e, "aria-describedby", describedBy) + $">{e.Encode(CurrentValue ?? "")}</textarea>";
    }

    protected override string AfterControl(HtmlEncoder e)
    {
        if (!LanguageGuard)
        {
            return "";
        }
        var review = ViewContext.ViewData[Language.LanguageReview.ViewDataKey] as Language.LanguageReviewResult;
        return Language.LanguageFindingsHtml.Panel(PanelId, Label, review?.For(Name) ?? []);
    }
}

[HtmlTargetElement("govuk-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukSelectTagHelper : GovukFieldTagHelper
{
    [HtmlAttributeName("items")]
    public IEnumerable<SelectListItem> Items { get; set; } = [];

    [HtmlAttributeName("placeholder")]
    public string? Placeholder { get; set; }

    protected override string Control(HtmlEncoder e, bool hasError, string? describedBy)
    {
        var current = CurrentValue;
        var options = new StringBuilder();
        if (Placeholder is not null)
        {
            options.Append(CultureInfo.InvariantCulture, $"<option value=\"\">{e.Encode(Placeholder)}</option>");
        }
        foreach (var item in Items)
        {
            var selected = string.Equals(item.Value, current, StringComparison.Ordinal) ? " selected" : "";
            options.Append(CultureInfo.InvariantCulture, $"<option value=\"{e.Encode(item.Value)}\"{selected}>{e.Encode(item.Text)}</option>");
        }
        var css = "govuk-select" + (hasError ? " govuk-select--error" : "");
        return $"<select class=\"{css}\" id=\"{e.Encode(Id)}\" name=\"{e.Encode(Name)}\"{Attr(e, "aria-describedby", describedBy)}>{options}</select>";
    }
}

/// <summary>The error summary at the top of a page: each error links to its field.</summary>
[HtmlTargetElement("govuk-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukErrorSummaryTagHelper : TagHelper
{
    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var state = ViewContext.ViewData.ModelState;
        if (state.IsValid)
        {
            output.SuppressOutput();
            return;
        }
        var e = HtmlEncoder.Default;
        var items = new StringBuilder();
        // In the order the fields are declared (and shown), not the dictionary's order.
        var modelType = ViewContext.ViewData.Model?.GetType();
        var invalid = state.Where(kv => kv.Value is { ValidationState: ModelValidationState.Invalid })
            .OrderBy(kv => DeclarationOrder(modelType, kv.Key), StringComparer.Ordinal);
        foreach (var (key, entry) in invalid)
        {
            foreach (var error in entry!.Errors)
            {
                var target = string.IsNullOrEmpty(key) ? "main-content" : TagBuilder.CreateSanitizedId(key, "_");
                items.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{e.Encode(target)}\">{e.Encode(error.ErrorMessage)}</a></li>");
            }
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-error-summary");
        output.Attributes.SetAttribute("data-module", "govuk-error-summary");
        output.Content.SetHtmlContent(
            "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2>" +
            $"<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">{items}</ul></div></div>");
    }

    /// <summary>A sortable key from each property's position in its declaring type along the path "Input.Email".</summary>
    private static string DeclarationOrder(Type? type, string key)
    {
        var order = new StringBuilder();
        foreach (var part in key.Split('.'))
        {
            // "Answers[disclosure]" is the property Answers, then the entry "disclosure" of its collection.
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            var properties = type?.GetProperties();
            var index = properties is null ? -1 : Array.FindIndex(properties, p => p.Name == name);
            order.Append(CultureInfo.InvariantCulture, $"{(index < 0 ? 999 : index):D3}.");
            type = index < 0 ? null : properties![index].PropertyType;
            if (bracket >= 0)
            {
                order.Append(part[bracket..]).Append('.');
                type = type is { IsGenericType: true } ? type.GetGenericArguments()[^1] : type?.GetElementType();
            }
        }
        return order.ToString();
    }
}
