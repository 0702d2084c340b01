using System.Text.RegularExpressions;
using Lantern.Domain.Partnership;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// The front door end to end in a real browser: a teacher raises a concern through the form, a
/// front-door social worker finds it in the queue and decides no further action, a team manager
/// signs the decision off, and the teacher sees the outcome.
/// </summary>
public sealed partial class ReferralJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task ContinueAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

    [Fact]
    public async Task Teacher_RaisesAConcern_FrontDoorDecides_ManagerSignsOff_TeacherSeesTheOutcome()
    {
        // The teacher raises the concern, one thing per page.
        var teacher = await browser.SignedInAsync(Role.Referrer);
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Raise a concern about a child" }).ClickAsync();
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Start now" }).ClickAsync();

        await ContinueAsync(teacher);
        await Assertions.Expect(teacher.GetByRole(AriaRole.Link, new() { Name = "Enter the child's first name" })).ToBeVisibleAsync();
        await teacher.GetByLabel("First name").FillAsync("Leah");
        await teacher.GetByLabel("Last name").FillAsync("Morris");
        await teacher.GetByLabel("Day").FillAsync("3");
        await teacher.GetByLabel("Month").FillAsync("9");
        await teacher.GetByLabel("Year").FillAsync("2011");
        await ContinueAsync(teacher);

        await teacher.GetByLabel("What happened").FillAsync("Leah told a friend that a man called Jay drives her to parties in a black BMW.");
        await teacher.GetByLabel("Why are you worried about the child?").FillAsync("She is 15, tired in lessons, and has an expensive new phone.");
        await teacher.GetByLabel("This concern is about sexual harm or exploitation").CheckAsync();
        await ContinueAsync(teacher);

        await teacher.GetByLabel("What is it?").SelectOptionAsync("Vehicle");
        await teacher.GetByLabel("Name, registration or number").FillAsync("NB21 JAY");
        await teacher.GetByLabel("More detail (optional)").FillAsync("black BMW");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(teacher.GetByText("NB21 JAY (black BMW)")).ToBeVisibleAsync();
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Assertions.Expect(teacher.GetByLabel("Your name")).ToHaveValueAsync("Priya Shah");
        await teacher.GetByLabel("Phone number").FillAsync("01632 960001");
        await ContinueAsync(teacher);

        await teacher.GetByLabel("No, telling them could put the child at greater risk").CheckAsync();
        await teacher.GetByLabel("To safeguard a child").CheckAsync();
        await ContinueAsync(teacher);

        await Assertions.Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = "Check your answers before sending" })).ToBeVisibleAsync();
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        var banner = teacher.GetByText(ReferenceSent());
        await Assertions.Expect(banner).ToBeVisibleAsync();
        var reference = ReferenceSent().Match(await banner.InnerTextAsync()).Groups[1].Value;

        // The front door finds it in the queue and decides.
        var socialWorker = await browser.SignedInAsync(Role.Practitioner);
        await socialWorker.GetByRole(AriaRole.Link, new() { Name = "Front door", Exact = true }).ClickAsync();
        await socialWorker.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(socialWorker.GetByRole(AriaRole.Heading, new() { Name = "Leah Morris" })).ToBeVisibleAsync();
        await socialWorker.GetByLabel("What happens next").SelectOptionAsync(new SelectOptionValue { Label = "No further action (with advice or signposting)" });
        await socialWorker.GetByLabel("Why").FillAsync("Checked with police: Jay is her adult brother, known to school; parents are protective. School advised to keep watching and refer again if anything changes.");
        await socialWorker.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(socialWorker.GetByText("It needs a team manager's sign-off")).ToBeVisibleAsync();

        // A team manager signs it off.
        var manager = await browser.SignedInAsync(Role.TeamManager);
        await manager.GotoAsync($"/referrals/{reference}");
        await manager.GetByLabel("Yes, sign it off").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(manager.GetByText("Decision signed off. It is now final")).ToBeVisibleAsync();

        // The teacher sees the outcome.
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Your referrals" }).ClickAsync();
        var row = teacher.GetByRole(AriaRole.Row).Filter(new() { HasText = reference });
        await Assertions.Expect(row).ToContainTextAsync("Decided: No further action (with advice or signposting)");
    }

    [GeneratedRegex("Your reference is (REF-[0-9A-Z]{10})")]
    private static partial Regex ReferenceSent();
}
