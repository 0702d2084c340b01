using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>"Record a missing episode": found by label, as a screen reader user would.</summary>
public sealed class MissingEpisodeNewPage(IPage page)
{
    public ILocator Missing => page.GetByLabel("Missing: reported missing to the police");

    public ILocator WentMissing => page.GetByLabel("When did the child go missing?");

    public ILocator ReportedAt => page.GetByLabel("When was the child reported missing?");

    public ILocator ReportedBy => page.GetByLabel("Who reported the child missing?");

    public ILocator RiskGrading => page.GetByLabel("Police risk grading");

    public ILocator ReturnedAt => page.GetByLabel("When was the child found or did they return?");

    public ILocator FoundWhere => page.GetByLabel("Where was the child found?");

    public ILocator FoundWith => page.GetByLabel("Who was the child found with?");

    public ILocator People => page.GetByLabel("People the child was found with (optional)");

    public ILocator Vehicles => page.GetByLabel("Vehicles (optional)");

    public ILocator Record => page.GetByRole(AriaRole.Button, new() { Name = "Record the missing episode" });

    public ILocator ErrorSummary => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
}

/// <summary>One missing episode: its heading and the return home interview's clock.</summary>
public sealed class MissingEpisodePage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator InterviewDue => page.GetByText("Return home interview due by");
}
