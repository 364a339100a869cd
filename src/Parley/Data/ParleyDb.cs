using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Parley.Features.Accreditation;
using Parley.Features.Audit;
using Parley.Features.Notifications;
using Parley.Features.Identity;
using Parley.Features.Meetings;
using Parley.Features.Processes;
using Parley.Features.Registry;
using Parley.Features.Texts;

namespace Parley.Data;

public sealed class ParleyDb : IdentityDbContext<ParleyUser>, IDataProtectionKeyContext
{
    private readonly IAuditActor _actor;
    private readonly TimeProvider _clock;

    public ParleyDb(DbContextOptions<ParleyDb> options, IAuditActor? actor = null, TimeProvider? clock = null)
        : base(options)
    {
        _actor = actor ?? new SystemActor();
        _clock = clock ?? TimeProvider.System;
    }

    public DbSet<State> States => Set<State>();
    public DbSet<LdcPeriod> LdcPeriods => Set<LdcPeriod>();
    public DbSet<RegionalGroup> RegionalGroups => Set<RegionalGroup>();
    public DbSet<Institution> Institutions => Set<Institution>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<NegotiationProcess> Processes => Set<NegotiationProcess>();
    public DbSet<Parley.Features.Translations.ContentTranslation> ContentTranslations => Set<Parley.Features.Translations.ContentTranslation>();
    public DbSet<ModalitiesVersion> ModalitiesVersions => Set<ModalitiesVersion>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingRevision> MeetingRevisions => Set<MeetingRevision>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<ProcessDocument> ProcessDocuments => Set<ProcessDocument>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Representative> Representatives => Set<Representative>();
    public DbSet<VerificationEntry> VerificationEntries => Set<VerificationEntry>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<AccreditationApplication> Applications => Set<AccreditationApplication>();
    public DbSet<ApplicationNote> ApplicationNotes => Set<ApplicationNote>();
    public DbSet<ApplicationFile> ApplicationFiles => Set<ApplicationFile>();
    public DbSet<StakeholderList> StakeholderLists => Set<StakeholderList>();
    public DbSet<ListEntry> ListEntries => Set<ListEntry>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<ObjectionRelease> ObjectionReleases => Set<ObjectionRelease>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NegotiatedText> Texts => Set<NegotiatedText>();
    public DbSet<TextVersion> TextVersions => Set<TextVersion>();
    public DbSet<VersionProvision> Provisions => Set<VersionProvision>();
    public DbSet<ProvisionStatusEntry> ProvisionStatuses => Set<ProvisionStatusEntry>();
    public DbSet<NegotiatingGroup> NegotiatingGroups => Set<NegotiatingGroup>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<ProposalStance> ProposalStances => Set<ProposalStance>();
    public DbSet<ProposalImport> ProposalImports => Set<ProposalImport>();
    public DbSet<Parley.Features.Operations.IdempotentRequest> IdempotentRequests => Set<Parley.Features.Operations.IdempotentRequest>();
    public DbSet<SilenceProcedure> SilenceProcedures => Set<SilenceProcedure>();
    public DbSet<AdoptionRecord> Adoptions => Set<AdoptionRecord>();
    public DbSet<Panel> Panels => Set<Panel>();
    public DbSet<MeetingSetup> MeetingSetups => Set<MeetingSetup>();
    public DbSet<MeetingRegistration> MeetingRegistrations => Set<MeetingRegistration>();
    public DbSet<Inscription> Inscriptions => Set<Inscription>();
    public DbSet<Features.Meetings.MeetingInvitation> MeetingInvitations => Set<Features.Meetings.MeetingInvitation>();
    public DbSet<Features.Documents.MeetingSummary> MeetingSummaries => Set<Features.Documents.MeetingSummary>();
    public DbSet<Features.Documents.ConferenceReportRecord> ConferenceReports => Set<Features.Documents.ConferenceReportRecord>();
    public DbSet<Features.Documents.DocumentFile> DocumentFiles => Set<Features.Documents.DocumentFile>();
    public DbSet<Features.Contributions.Submission> Submissions => Set<Features.Contributions.Submission>();
    public DbSet<Features.Fund.FundHead> FundHeads => Set<Features.Fund.FundHead>();
    public DbSet<Features.Fund.FundEntry> FundEntries => Set<Features.Fund.FundEntry>();
    public DbSet<Features.Fund.FundLine> FundLines => Set<Features.Fund.FundLine>();
    public DbSet<Features.Fund.Pledge> Pledges => Set<Features.Fund.Pledge>();
    public DbSet<Features.Fund.Contribution> Contributions => Set<Features.Fund.Contribution>();
    public DbSet<Features.Fund.ExchangeRate> ExchangeRates => Set<Features.Fund.ExchangeRate>();
    public DbSet<Features.Fund.TravelRate> TravelRates => Set<Features.Fund.TravelRate>();
    public DbSet<Features.Fund.TravelApplication> TravelApplications => Set<Features.Fund.TravelApplication>();
    public DbSet<Features.Fund.Traveller> Travellers => Set<Features.Fund.Traveller>();
    public DbSet<Features.Fund.AllocationRun> AllocationRuns => Set<Features.Fund.AllocationRun>();

    /// <summary>A name for the next save in the audit trail (e.g. "user.created"); defaults to the entity and operation.</summary>
    public string? AuditAction { get; set; }

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ParleyDb).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var pending = AuditRecorder.Capture(ChangeTracker);
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            // Changes are accepted after the first save so the second one writes only the audit rows;
            // a failure rolls the whole transaction back and the context must then be discarded.
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
            await AuditRecorder.AppendAsync(this, pending, _actor, _clock.GetUtcNow().UtcDateTime, AuditAction, cancellationToken);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            AuditAction = null;
            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }
}
