using Lantern.Domain.Partnership;

namespace Lantern.Domain.Children;

/// <summary>
/// Who works with the child: an agency, a team and (usually) a named practitioner, in a role, since
/// when. Anyone allowed to see the child sees who else is involved and whom to call; an active
/// involvement is also what lets its practitioner (or, with no one named, its team) see the child.
/// </summary>
public sealed class Involvement
{
    public const int RoleMaxLength = 200;

    private Involvement()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public ChildId ChildId { get; private init; }

    public AgencyId AgencyId { get; private init; }

    public Agency? Agency { get; private init; }

    public TeamId? TeamId { get; private init; }

    public Team? Team { get; private init; }

    public Guid? PractitionerId { get; private init; }

    /// <summary>What they do for the child, for example "Allocated social worker" or "School nurse".</summary>
    public string Role { get; private init; } = "";

    public string? ContactPhone { get; private init; }

    public string? ContactEmail { get; private init; }

    public DateTimeOffset StartedAt { get; private init; }

    public Guid StartedBy { get; private init; }

    public DateTimeOffset? EndedAt { get; private set; }

    public Guid? EndedBy { get; private set; }

    public string? EndReason { get; private set; }

    public bool IsActive => EndedAt is null;

    /// <summary>
    /// A practitioner (and their team), or a team with nobody named yet, starts working with the child.
    /// <paramref name="agency"/> is the practitioner's or team's agency.
    /// </summary>
    public static Result<Involvement> Start(ChildId child, AgencyId agency, TeamId? team, Guid? practitioner, string? role, string? phone, string? email,
        Guid by, DateTimeOffset at)
    {
        var errors = new List<FieldError>();
        if (practitioner is null && team is null)
        {
            errors.Add(new("Practitioner", "Select the practitioner, or the team if nobody is named yet"));
        }
        StorableText.Check(errors, "Role", "The role", role, TextShape.OneLine, RoleMaxLength, $"The role must be {RoleMaxLength} characters or fewer",
            "Say what they do for the child, for example allocated social worker");
        StorableText.Check(errors, "Phone", "The phone number", phone, TextShape.OneLine, 40, "The phone number must be 40 characters or fewer");
        if (StorableText.Check(email, "The email address", TextShape.OneLine) is { } emailProblem)
        {
            errors.Add(new("Email", emailProblem));
        }
        else if (!string.IsNullOrWhiteSpace(email) && (email.Trim().Length > 256 || !email.Contains('@', StringComparison.Ordinal)))
        {
            errors.Add(new("Email", "Enter an email address like name@agency.example"));
        }
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }
        return new Involvement
        {
            ChildId = child,
            AgencyId = agency,
            TeamId = team,
            PractitionerId = practitioner,
            Role = role!.Trim(),
            ContactPhone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim(),
            ContactEmail = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            StartedAt = at,
            StartedBy = by,
        };
    }

    /// <summary>The involvement ends, with a reason. The front door, or the involved agency itself, ends it.</summary>
    public Failure? End(Actor by, string? reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.IsFrontDoor && by.Agency != AgencyId)
        {
            return Failure.Forbidden("Only the front door or the involved agency can end an involvement");
        }
        if (EndedAt is not null)
        {
            return Failure.Conflict("This involvement has already ended", "EndReason");
        }
        if (StorableText.Check(reason, "The reason", TextShape.MultiLine, "Say why the involvement is ending") is { } problem)
        {
            return Failure.Invalid("EndReason", problem);
        }
        if (reason!.Trim().Length > 1000)
        {
            return Failure.Invalid("EndReason", "The reason must be 1,000 characters or fewer");
        }
        EndedAt = at;
        EndedBy = by.Id;
        EndReason = reason.Trim();
        return null;
    }
}
