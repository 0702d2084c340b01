using Lantern.Domain;
using Lantern.Domain.Alerts;
using Lantern.Domain.Children;
using Lantern.Domain.Disruption;
using Lantern.Domain.Investigations;
using Lantern.Domain.Language;
using Lantern.Domain.Mentions;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Domain.Screening;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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

    public DbSet<Mention> Mentions => Set<Mention>();

    public DbSet<Person> Persons => Set<Person>();

    public DbSet<PersonName> PersonNames => Set<PersonName>();

    public DbSet<Vehicle> Vehicles => Set<Vehicle>();

    public DbSet<Phone> Phones => Set<Phone>();

    public DbSet<Place> Places => Set<Place>();

    public DbSet<PlaceName> PlaceNames => Set<PlaceName>();

    public DbSet<Context> Contexts => Set<Context>();

    public DbSet<ContextAssessment> ContextAssessments => Set<ContextAssessment>();

    public DbSet<Link> Links => Set<Link>();

    public DbSet<SourceRecord> SourceRecords => Set<SourceRecord>();

    public DbSet<SourceRecordVersion> SourceRecordVersions => Set<SourceRecordVersion>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<ReferralDraft> ReferralDrafts => Set<ReferralDraft>();

    public DbSet<ReferralHistoryEntry> ReferralHistory => Set<ReferralHistoryEntry>();

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

    public DbSet<MissingEpisode> MissingEpisodes => Set<MissingEpisode>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<Crime> Crimes => Set<Crime>();

    public DbSet<CrimeVictim> CrimeVictims => Set<CrimeVictim>();

    public DbSet<CrimeSuspect> CrimeSuspects => Set<CrimeSuspect>();

    public DbSet<CrimeOutcome> CrimeOutcomes => Set<CrimeOutcome>();

    public DbSet<NoChargeReview> NoChargeReviews => Set<NoChargeReview>();

    public DbSet<DisruptionPlan> DisruptionPlans => Set<DisruptionPlan>();

    public DbSet<DisruptionTactic> DisruptionTactics => Set<DisruptionTactic>();

    public DbSet<TacticEvidence> TacticEvidence => Set<TacticEvidence>();

    public DbSet<PlanReview> PlanReviews => Set<PlanReview>();

    public DbSet<Screening> Screenings => Set<Screening>();

    public DbSet<ScreeningItem> ScreeningItems => Set<ScreeningItem>();

    public DbSet<IdentityMatch> IdentityMatches => Set<IdentityMatch>();

    public DbSet<ChildMerge> ChildMerges => Set<ChildMerge>();

    public DbSet<PersonPairDecision> PersonPairDecisions => Set<PersonPairDecision>();

    public DbSet<PersonMerge> PersonMerges => Set<PersonMerge>();

    public DbSet<IdentityChange> IdentityChanges => Set<IdentityChange>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<LanguageFindingRecord> LanguageFindings => Set<LanguageFindingRecord>();

    public DbSet<LanguagePhrase> LanguagePhrases => Set<LanguagePhrase>();

    public DbSet<LanguagePhraseChange> LanguagePhraseChanges => Set<LanguagePhraseChange>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    /// <summary>Cookie and antiforgery keys live in the database so every node of a cluster shares them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<AgencyId>().HaveConversion<AgencyIdConverter>();
        configurationBuilder.Properties<TeamId>().HaveConversion<TeamIdConverter>();
        configurationBuilder.Properties<ChildId>().HaveConversion<ChildIdConverter>();
        configurationBuilder.Properties<ReferralId>().HaveConversion<ReferralIdConverter>();
        if (Database.ProviderName == SqliteProvider)
        {
            // SQLite has no instant type; EF cannot order or compare DateTimeOffset stored as text.
            // Store UTC ticks so queries sort and filter by time in the database. See docs/adr/0004.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            BumpVersions();
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            BumpVersions();
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// The one place an aggregate's version moves: every aggregate changed in this save, directly or
    /// through one of its parts (a child's new address), is saved with its version one higher than the
    /// version it was read at, and the database refuses the save if someone else moved it meanwhile.
    /// Worked out from the version read, so a retried save (the audit trail's execution strategy) bumps once.
    /// Changes are detected once, here; the save that follows does not look again.
    /// </summary>
    private void BumpVersions()
    {
        ChangeTracker.DetectChanges();
        var changedParts = new HashSet<object>();
        var versioned = new List<EntityEntry>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is IAggregatePart part && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                changedParts.Add(part.AggregateId);
            }
            if (entry.Entity is IVersioned && entry.State is EntityState.Modified or EntityState.Unchanged)
            {
                versioned.Add(entry);
            }
        }
        foreach (var entry in versioned)
        {
            if (entry.State == EntityState.Modified || changedParts.Contains(entry.Property("Id").CurrentValue!))
            {
                var version = entry.Property(nameof(IVersioned.Version));
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }
        }
        RecordIdentityChanges(changedParts);
    }

    /// <summary>
    /// Every child opened or changed (its details, addresses or merge) in this save is written to the change
    /// feed in the same transaction, which every node's identity index reads to stay current.
    /// </summary>
    private void RecordIdentityChanges(HashSet<object> changedParts)
    {
        List<ChildId>? changed = null;
        foreach (var entry in ChangeTracker.Entries<Child>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified || changedParts.Contains(entry.Entity.Id))
            {
                (changed ??= []).Add(entry.Entity.Id);
            }
        }
        if (changed is null)
        {
            return;
        }
        // A retried save (the audit trail's execution strategy) may write a child twice: reading it twice is harmless.
        foreach (var child in changed)
        {
            IdentityChanges.Add(new IdentityChange { ChildId = child });
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

    private sealed class ReferralIdConverter() : ValueConverter<ReferralId, Guid>(v => v.Value, v => new ReferralId(v));

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
