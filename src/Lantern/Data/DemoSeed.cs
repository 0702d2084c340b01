using Lantern.Auditing;
using Lantern.Domain.Partnership;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Data;

/// <summary>
/// The fictional Northbridge partnership: its agencies, teams, one demo account per role, a social
/// worker of the exploitation team (told about repeat missing children), and a detective inspector of the
/// police's child exploitation unit (a senior investigating officer, who reviews decisions not to prosecute).
/// Seeded only into an empty database, never over real data.
/// </summary>
public sealed class DemoSeed(LanternDbContext db, Security.LanternUserManager users, AuditTrail audit, TimeProvider time)
{
    /// <summary>
    /// The authenticator secret every demo account signs in with (base32), printed at start beside the password so a
    /// person trying the app can add it to an authenticator app. Demo data only: real accounts each set up their own.
    /// </summary>
    public const string DemoAuthenticatorKey = "NORTHBRIDGEDEMOSIGNINCODEKEYABCD";

    /// <summary>Shared by every demo account; printed at start so a new user can sign in. Demo data only.</summary>
    public const string DemoPassword = "northbridge-demo-2026";

    public sealed record DemoAccount(string Email, string DisplayName, Role Role, string Agency, string? Team, string JobTitle);

    public static IReadOnlyList<(string Name, AgencyKind Kind, string[] Teams)> Agencies { get; } =
    [
        ("Northbridge Children's Social Care", AgencyKind.ChildrensSocialCare, ["Front Door (MASH)", "Exploitation Team", "Assessment Team", "Service Leadership"]),
        ("Northbridge Police", AgencyKind.Police, ["Child Exploitation Unit", "Intelligence Unit", "Public Protection Unit"]),
        ("Northbridge NHS Foundation Trust", AgencyKind.Health, ["Safeguarding Children Team", "Sexual Health Service", "Emergency Department"]),
        ("Castle Hill Academy", AgencyKind.School, ["Safeguarding"]),
        ("Riverside High School", AgencyKind.School, ["Safeguarding"]),
        ("Northbridge Youth Service", AgencyKind.YouthService, ["Detached Youth Work"]),
        ("Crown Prosecution Service North", AgencyKind.Prosecution, ["Rape and Serious Sexual Offences Unit"]),
        ("Northbridge Taxi Licensing", AgencyKind.Licensing, ["Licensing Enforcement"]),
    ];

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("referrer@northbridge.example", "Priya Shah", Role.Referrer, "Castle Hill Academy", "Safeguarding", "Designated safeguarding lead"),
        new("practitioner@northbridge.example", "Tom Walsh", Role.Practitioner, "Northbridge Children's Social Care", "Front Door (MASH)", "Social worker"),
        new("teammanager@northbridge.example", "Grace Okafor", Role.TeamManager, "Northbridge Children's Social Care", "Front Door (MASH)", "Team manager"),
        new("servicemanager@northbridge.example", "Daniel Hughes", Role.ServiceManager, "Northbridge Children's Social Care", "Service Leadership", "Service manager"),
        new("headofservice@northbridge.example", "Helen Marsh", Role.HeadOfService, "Northbridge Children's Social Care", "Service Leadership", "Head of children's services"),
        new("exploitation@northbridge.example", "Nadia Rahman", Role.Practitioner, "Northbridge Children's Social Care", "Exploitation Team", "Exploitation social worker"),
        new("investigator@northbridge.example", "DC Sam Iqbal", Role.PoliceInvestigator, "Northbridge Police", "Child Exploitation Unit", "Detective constable"),
        new("analyst@northbridge.example", "Ruth Feld", Role.IntelligenceAnalyst, "Northbridge Police", "Intelligence Unit", "Intelligence analyst"),
        new("sio@northbridge.example", "DI Jane Cole", Role.TeamManager, "Northbridge Police", "Child Exploitation Unit", "Detective inspector (senior investigating officer)"),
        new("nurse@northbridge.example", "Aisha Bello", Role.HealthPractitioner, "Northbridge NHS Foundation Trust", "Safeguarding Children Team", "Named nurse for safeguarding"),
        new("dpo@northbridge.example", "Mark Lindqvist", Role.DataProtectionOfficer, "Northbridge Children's Social Care", null, "Data protection officer"),
        new("admin@northbridge.example", "Jo Admin", Role.Administrator, "Northbridge Children's Social Care", null, "System administrator"),
    ];

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        if (await db.Agencies.AnyAsync(ct))
        {
            return false;
        }
        var now = time.GetUtcNow();
        var agencies = new Dictionary<string, Agency>(StringComparer.Ordinal);
        foreach (var (name, kind, teams) in Agencies)
        {
            var agency = Agency.Create(name, kind, now).Value;
            foreach (var team in teams)
            {
                _ = agency.AddTeam(team, now).Value;
            }
            agencies.Add(name, agency);
            db.Agencies.Add(agency);
        }
        await audit.SaveAsync(AuditEntry.System(AuditCode.DemoDataSeeded, "Agency", null, "Northbridge demo partnership"), ct);

        foreach (var account in Accounts)
        {
            var agency = agencies[account.Agency];
            var user = new LanternUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                Role = account.Role,
                AgencyId = agency.Id,
                TeamId = account.Team is null ? null : agency.Teams.Single(t => t.Name == account.Team).Id,
                JobTitle = account.JobTitle,
                CreatedAt = now,
                LockoutEnabled = true,
            };
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo account could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            }
            // Two-factor sign-in is set up already, with the printed demo secret, so the demo signs in as a real account does.
            await users.SetAuthenticatorAsync(user, DemoAuthenticatorKey, acceptedStep: null);
            await audit.SaveAsync(AuditEntry.System(AuditCode.UserCreated, "User", user.Id.ToString(), "demo account"), ct);
        }
        return true;
    }
}
