using Microsoft.Extensions.Options;

namespace Lantern.Hosting;

/// <summary>
/// Checks a settings class at start with its own rules (each problem with the setting it is about), so
/// that a bad setting stops the start with its name.
/// </summary>
public sealed class FieldOptionsValidation<TOptions>(Func<TOptions, IReadOnlyList<(string Field, string Message)>> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = validate(options);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => $"{e.Field}: {e.Message}"));
    }
}
