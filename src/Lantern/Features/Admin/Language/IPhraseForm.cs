namespace Lantern.Features.Admin.Language;

/// <summary>A page with the phrase form (_PhraseForm): adding or changing a phrase.</summary>
public interface IPhraseForm
{
    PhraseInput Input { get; }
}
