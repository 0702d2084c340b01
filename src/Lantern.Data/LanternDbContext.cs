using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lantern.Data;

public sealed class LanternDbContext(DbContextOptions<LanternDbContext> options)
    : IdentityUserContext<LanternUser, Guid>(options), IDataProtectionKeyContext
{
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<ReferralMention> ReferralMentions => Set<ReferralMention>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<ReferralDraft> ReferralDrafts => Set<ReferralDraft>();

    public DbSet<FormDraft> FormDrafts => Set<FormDraft>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<EscalationStep> EscalationSteps => Set<EscalationStep>();

    public DbSet<ProfessionalChallenge> ProfessionalChallenges => Set<ProfessionalChallenge>();

    public DbSet<Child> Children => Set<Child>();

    public DbSet<ChildAddress> ChildAddresses => Set<ChildAddress>();

    public DbSet<ChildRelationship> ChildRelationships => Set<ChildRelationship>();

    public DbSet<ChildVulnerability> ChildVulnerabilities => Set<ChildVulnerability>();

    public DbSet<Involvement> Involvements => Set<Involvement>();

    public DbSet<ChronologyEntry> ChronologyEntries => Set<ChronologyEntry>();

    public DbSet<ChronologyLink> ChronologyLinks => Set<ChronologyLink>();

    public DbSet<MissingEpisode> MissingEpisodes => Set<MissingEpisode>();

    public DbSet<ChildAlert> ChildAlerts => Set<ChildAlert>();

    public DbSet<Screening> Screenings => Set<Screening>();

    public DbSet<ScreeningItem> ScreeningItems => Set<ScreeningItem>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<LanguageFindingRecord> LanguageFindings => Set<LanguageFindingRecord>();

    public DbSet<LanguagePhrase> LanguagePhrases => Set<LanguagePhrase>();

    public DbSet<LanguagePhraseChange> LanguagePhraseChanges => Set<LanguagePhraseChange>();

    /// <summary>Cookie and antiforgery keys live in the database so every node of a cluster shares them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<AgencyId>().HaveConversion<AgencyIdConverter>();
        configurationBuilder.Properties<TeamId>().HaveConversion<TeamIdConverter>();
        configurationBuilder.Properties<ChildId>().HaveConversion<ChildIdConverter>();
        if (Database.ProviderName == SqliteProvider)
        {
            // SQLite has no instant type; EF cannot order or compare DateTimeOffset stored as text.
            // Store UTC ticks so queries sort and filter by time in the database. See docs/adr/0004.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LanternDbContext).Assembly);
    }

    private sealed class AgencyIdConverter() : ValueConverter<AgencyId, Guid>(v => v.Value, v => new AgencyId(v));

    private sealed class TeamIdConverter() : ValueConverter<TeamId, Guid>(v => v.Value, v => new TeamId(v));

    private sealed class ChildIdConverter() : ValueConverter<ChildId, Guid>(v => v.Value, v => new ChildId(v));

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
