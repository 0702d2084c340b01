using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Lantern.Features.Disruption;

/// <summary>A group of radios on a form: the field's name, its question, the choices (value and words), what was chosen and its error.</summary>
public sealed record RadiosField(string Name, string Legend, string? Hint, IReadOnlyList<(string Value, string Label)> Items, string? Selected, string? Error)
{
    public static RadiosField Of(ModelStateDictionary state, string name, string legend, string? hint, IReadOnlyList<(string Value, string Label)> items, string? selected)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(name, legend, hint, items, selected, state.TryGetValue(name, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null);
    }
}
