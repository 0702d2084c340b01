using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Admin.Users;

public sealed record CreateUserRequest(string Email, string? DisplayName, string Role, string Agency, string? Team, string Password);

/// <summary>Either the created account or the errors, each keyed by the field to fix.</summary>
public sealed record CreateUserOutcome(LanternUser? User, IReadOnlyList<(string Field, string Message)> Errors);

/// <summary>Creates an account for the admin page and for `lantern users create`.</summary>
public sealed class CreateUserHandler(LanternDbContext db, UserManager<LanternUser> users, AuditTrail audit, TimeProvider time)
{
    public async Task<CreateUserOutcome> HandleAsync(CreateUserRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<(string, string)>();
        if (Domain.StorableText.Check(request.DisplayName, "Full name", Domain.TextShape.OneLine, required: "Enter the person's full name") is { } nameProblem)
        {
            errors.Add((nameof(request.DisplayName), nameProblem));
        }
        else if (request.DisplayName!.Trim().Length > 200)
        {
            errors.Add((nameof(request.DisplayName), "Full name must be 200 characters or fewer"));
        }
        var email = request.Email?.Trim() ?? "";
        if (email.Length == 0)
        {
            errors.Add((nameof(request.Email), "Enter an email address"));
        }
        else if (email.Length > 256)
        {
            errors.Add((nameof(request.Email), "Email address must be 256 characters or fewer"));
        }
        else if (!Notifications.MailAddresses.IsSendable(email) || !email.Contains('.', StringComparison.Ordinal))
        {
            errors.Add((nameof(request.Email), "Enter an email address in the correct format, like name@agency.gov.uk"));
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add((nameof(request.Email), "An account with this email address already exists"));
        }

        Role? role = Enum.TryParse<Role>(request.Role, ignoreCase: true, out var r) && Enum.IsDefined(r) ? r : null;
        if (role is null)
        {
            errors.Add((nameof(request.Role), "Select a role: " + string.Join(", ", Roles.All)));
        }

        var agencyName = request.Agency?.Trim() ?? "";
        Agency? agency = null;
        if (agencyName.Length == 0)
        {
            errors.Add((nameof(request.Agency), "Select an agency"));
        }
        else
        {
            agency = await db.Agencies.Include(a => a.Teams).FirstOrDefaultAsync(a => a.Name == agencyName, ct);
            if (agency is null && Guid.TryParse(agencyName, out var agencyId))
            {
                agency = await db.Agencies.Include(a => a.Teams).FirstOrDefaultAsync(a => a.Id == new AgencyId(agencyId), ct);
            }
            if (agency is null)
            {
                errors.Add((nameof(request.Agency), $"There is no agency called \"{agencyName}\""));
            }
        }

        Team? team = null;
        if (!string.IsNullOrWhiteSpace(request.Team) && agency is not null)
        {
            var teamName = request.Team.Trim();
            team = agency.Teams.FirstOrDefault(t => t.Name == teamName || t.Id.Value.ToString() == teamName);
            if (team is null)
            {
                errors.Add((nameof(request.Team), $"{agency.Name} has no team called \"{teamName}\""));
            }
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add((nameof(request.Password), "Enter a password"));
        }
        else if (request.Password.Length > 1024)
        {
            errors.Add((nameof(request.Password), "Password must be 1,024 characters or fewer"));
        }
        if (errors.Count > 0)
        {
            return new CreateUserOutcome(null, errors);
        }

        var user = new LanternUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = request.DisplayName!.Trim(),
            Role = role!.Value,
            AgencyId = agency!.Id,
            TeamId = team?.Id,
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
        };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, request.Password);
            if (!result.Succeeded)
            {
                return new CreateUserOutcome(null, [.. result.Errors.Select(e => (nameof(request.Password), PasswordMessage(e)))]);
            }
        }
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            return new CreateUserOutcome(null, [.. created.Errors.Select(e => (nameof(request.Email), e.Description))]);
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.UserCreated, "User", user.Id.ToString(), $"role {user.Role}"), ct);
        return new CreateUserOutcome(user, []);
    }

    private static string PasswordMessage(IdentityError e) => e.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => "Password must be 12 characters or more (a few words together make a good one)",
        _ => e.Description,
    };
}
