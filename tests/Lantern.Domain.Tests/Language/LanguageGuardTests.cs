using Lantern.Domain.Language;

namespace Lantern.Domain.Tests.Language;

public sealed class LanguageGuardTests
{
    private static readonly LanguageGuard Guard = LanguageGuard.Shipped;

    private static LanguageFinding Single(string text)
    {
        var findings = Guard.Check(text);
        return Assert.Single(findings);
    }

    [Fact]
    public void Check_Finding_PointsIntoTheOriginalTextAndSaysWhyAndWhatInstead()
    {
        const string text = "Closed. Staff say she is making her own choices, and mum agrees.";
        var finding = Single(text);
        Assert.Equal("making her own choices", finding.Phrase);
        Assert.Equal(text.IndexOf("making", StringComparison.Ordinal), finding.Start);
        Assert.Equal("making her own choices".Length, finding.Length);
        Assert.Equal(finding.Phrase, text.Substring(finding.Start, finding.Length));
        Assert.Equal("own-choices", finding.EntryId);
        Assert.Equal(PhraseCategories.ConsentOrChoice, finding.Category);
        Assert.Equal(Severity.Serious, finding.Severity);
        Assert.False(string.IsNullOrWhiteSpace(finding.Reason));
        Assert.NotEmpty(finding.Alternatives);
    }

    [Fact]
    public void Check_SeveralPhrases_EachReportedInTextOrder_WithOriginalCaseAndApostrophes()
    {
        const string text = "SHE’S PUTTING HERSELF AT RISK.\nHer older boyfriend, 23, says it is consensual.";
        var findings = Guard.Check(text);
        Assert.Equal(["PUTTING HERSELF AT RISK", "older boyfriend, 23", "consensual"], findings.Select(f => f.Phrase));
        Assert.All(findings, f => Assert.Equal(f.Phrase, text.Substring(f.Start, f.Length)));
        Assert.Equal(["putting-self-at-risk", "adult-relationship", "consent"], findings.Select(f => f.EntryId));
    }

    [Fact]
    public void Check_PhraseInsideALongerOne_OnlyTheLongerIsReported()
    {
        // "{possessive} own {choice}" and "{make} {possessive} own {choice}" both match here.
        var finding = Single("He made his own choice.");
        Assert.Equal("made his own choice", finding.Phrase);
    }

    [Theory]
    [InlineData("She is making her own choices.", "own-choices")]
    [InlineData("He made his own choice to go back.", "own-choices")]
    [InlineData("They make their own choices about where they go.", "own-choices")]
    [InlineData("It was her choice to get in the car.", "own-choices")]
    [InlineData("He went of his own free will.", "own-choices")]
    [InlineData("She chose to go with the men.", "chose-to")]
    [InlineData("He chooses to go missing at weekends.", "chose-to")]
    [InlineData("She has chosen to return to the flat.", "chose-to")]
    [InlineData("He is choosing to stay out all night.", "chose-to")]
    [InlineData("The relationship is consensual.", "consent")]
    [InlineData("They met consensually.", "consent")]
    [InlineData("She consented to sex with him.", "consent")]
    [InlineData("She consents to the relationship.", "consent")]
    [InlineData("He is consenting to it.", "consent")]
    [InlineData("She is over the age of consent.", "consent")]
    [InlineData("It is a lifestyle choice.", "lifestyle")]
    [InlineData("This is a lifestyle she has chosen.", "lifestyle")]
    [InlineData("It is the life he chose.", "lifestyle")]
    [InlineData("She is putting herself at risk.", "putting-self-at-risk")]
    [InlineData("He puts himself at significant risk.", "putting-self-at-risk")]
    [InlineData("They placed themselves in danger.", "putting-self-at-risk")]
    [InlineData("The young person keeps placing themself in risky situations.", "putting-self-at-risk")]
    [InlineData("She is prostituting herself.", "prostitution")]
    [InlineData("A child prostitute.", "prostitution")]
    [InlineData("She has an older boyfriend.", "adult-relationship")]
    [InlineData("Her boyfriend, 24, collects her.", "adult-relationship")]
    [InlineData("Her 25-year-old boyfriend.", "adult-relationship")]
    [InlineData("Her boyfriend is in his mid-twenties.", "adult-relationship")]
    [InlineData("She is exchanging sex for cannabis.", "exchange")]
    [InlineData("Her older boyfriend, who is 24, collects her.", "adult-relationship")]
    [InlineData("He absconded from the unit.", "absconded")]
    [InlineData("She is sexually active.", "sexual-activity")]
    [InlineData("Risk-taking behaviour since September.", "risky-behaviour")]
    public void Check_InflectionsAndPronouns_AreFound(string text, string entryId)
    {
        Assert.Equal(entryId, Single(text).EntryId);
    }

    [Theory]
    [InlineData("She did not consent.")]
    [InlineData("A child cannot consent to sex with an adult.")]
    [InlineData("She didn't choose to go with them; she was threatened.")]
    [InlineData("He is not putting himself at risk; he is being exploited.")]
    [InlineData("This was never consensual.")]
    [InlineData("At 13 she is unable to consent.")]
    [InlineData("This was non-consensual.")]
    [InlineData("She is being controlled rather than making her own choices.")]
    [InlineData("She was forced to have sex with his friends.")]
    [InlineData("He was made to have sex with them.")]
    [InlineData("She was groomed into sending pictures of herself.")]
    [InlineData("We cannot describe this as consensual.")]
    [InlineData("He is too young to make informed choices.")]
    [InlineData("She dont consent to any of it.")]
    public void Check_NegatedOrCoerced_NotFound(string text)
    {
        Assert.Empty(Guard.Check(text));
    }

    [Theory]
    [InlineData("She was not groomed and chose to go with them.")]
    [InlineData("No concerns; she is making her own choices.")]
    [InlineData("No further action, she is making her own choices.")]
    [InlineData("I have no doubt she is making her own choices.")]
    [InlineData("Not only is she making her own choices, she is happy.")]
    public void Check_NegationInAnotherClauseOrForEmphasis_StillFound(string text)
    {
        Assert.NotEmpty(Guard.Check(text));
    }

    [Theory]
    [InlineData("Two black holdalls were found.")]
    [InlineData("Blackburn police were told.")]
    [InlineData("School will contact the police; contacts were made.")]
    [InlineData("The plan is lacking detail.")]
    [InlineData("She sings in the choir.")]
    [InlineData("There was a consensus at the meeting.")]
    [InlineData("He was chosen as captain of the team.")]
    [InlineData("Mum gave consent for the referral.")]
    [InlineData("Consent to share information was recorded.")]
    [InlineData("She chose to disclose to her teacher.")]
    [InlineData("The choice of school was respected.")]
    [InlineData("Her boyfriend is 15 and in her class.")]
    [InlineData("Her boyfriend visited on 23 March.")]
    [InlineData("Her older brother collects her.")]
    [InlineData("The adults put her at risk.")]
    [InlineData("The practitioner placed herself between the child and the door.")]
    [InlineData("The lifestyle advice was well received.")]
    [InlineData("This is non-recent abuse.")]
    [InlineData("The agencies involved in CSE work met on Tuesday.")]
    [InlineData("")]
    public void Check_LookAlikesAndPreferredWording_NotFound(string text)
    {
        Assert.Empty(Guard.Check(text));
    }

    [Theory]
    [InlineData("She said, \"I'm making my own choices and you can't stop me.\"")]
    [InlineData("“It was my choice,” she said.")]
    [InlineData("Leah told me: 'I chose to go with them because they're my mates.'")]
    [InlineData("She said ‘I’m making my own choices’ and left.")]
    [InlineData("When asked, she replied, \"it was consensual, I'm not a kid.\"")]
    [InlineData("The 2012 notes said she was \"making her own choices\".")]
    public void Check_OwnWordsShownAsAQuote_NotFound(string text)
    {
        Assert.Empty(Guard.Check(text));
    }

    [Theory]
    [InlineData("NFA: she is \"making her own choices\".")]
    [InlineData("She has an 'older boyfriend' who collects her.")]
    [InlineData("The girls' mother thinks she is making her own choices.")]
    [InlineData("Mum said \"she will be fine.\nShe is making her own choices.")]
    public void Check_ScareQuotesApostrophesAndUnclosedQuotes_DoNotHideAPhrase(string text)
    {
        Assert.NotEmpty(Guard.Check(text));
    }

    [Fact]
    public void FindFirst_QuotedSpeechCountsOnlyWhenAskedFor()
    {
        const string text = "She told me \"it's my choice\" and left.";
        Assert.Null(Guard.FindFirst(text, PhraseCategories.ConsentOrChoice));
        Assert.Equal("it's my choice", Guard.FindFirst(text, PhraseCategories.ConsentOrChoice, includeQuotedSpeech: true)?.Phrase);
    }

    [Fact]
    public void FindFirst_OnlyThatCategory()
    {
        const string text = "He absconded and is putting himself at risk; she says it was consensual.";
        Assert.Equal("consensual", Guard.FindFirst(text, PhraseCategories.ConsentOrChoice)?.Phrase);
        Assert.Null(Guard.FindFirst("He absconded.", PhraseCategories.ConsentOrChoice));
    }

    [Fact]
    public void ShippedList_EveryEntryHasAReasonAlternativesAndConsentOrChoiceEntriesExist()
    {
        var entries = Guard.Phrases.Entries!;
        Assert.All(entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
            Assert.NotEmpty(e.Alternatives!);
        });
        Assert.Contains(entries, e => e.Category == PhraseCategories.ConsentOrChoice);
        Assert.Empty(Guard.Phrases.Validate());
    }
}
