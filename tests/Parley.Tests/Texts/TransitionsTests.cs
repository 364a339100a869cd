using Parley.Common;
using Parley.Features.Texts;
using Xunit;

namespace Parley.Tests.Texts;

/// <summary>Proposals and versions guard their own transitions: a use case cannot move them where the rules do not allow.</summary>
public sealed class TransitionsTests
{
    private static readonly DateTime At = new(2018, 2, 20, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ADraft_IsSubmittedOnce_AndKeepsWhenItWasSubmitted()
    {
        var p = new Proposal { Status = ProposalStatus.Draft };
        Assert.Null(p.Submit(At));
        Assert.Equal((ProposalStatus.Submitted, At, 1), (p.Status, p.SubmittedAt, p.Version));
        Assert.Equal(ErrorKind.Conflict, p.Submit(At.AddHours(1))!.Kind);
        Assert.Equal(At, p.SubmittedAt);
    }

    [Fact]
    public void AProposalIsWithdrawn_OnlyBeforeARevisionSettlesIt()
    {
        var draft = new Proposal { Status = ProposalStatus.Draft };
        Assert.Null(draft.Withdraw());
        Assert.Equal(ProposalStatus.Withdrawn, draft.Status);
        Assert.Equal(ErrorKind.Conflict, draft.Withdraw()!.Kind); // withdrawn once

        var settled = new Proposal { Status = ProposalStatus.Submitted };
        Assert.Null(settled.Settle(ProposalStatus.Incorporated));
        Assert.Equal(ErrorKind.Conflict, settled.Withdraw()!.Kind);
        Assert.Equal(ProposalStatus.Incorporated, settled.Status);
    }

    [Theory]
    [InlineData(ProposalStatus.Draft)]
    [InlineData(ProposalStatus.Withdrawn)]
    [InlineData(ProposalStatus.NotIncorporated)]
    public void ARevisionSettles_OnlySubmittedProposals(ProposalStatus from)
    {
        var p = new Proposal { Status = from };
        Assert.Equal(ErrorKind.Conflict, p.Settle(ProposalStatus.CarriedForward)!.Kind);
        Assert.Equal(from, p.Status);
    }

    [Fact]
    public void ARevisionCannotSettleAProposal_IntoWithdrawnOrDraft()
    {
        var p = new Proposal { Status = ProposalStatus.Submitted };
        Assert.Equal(ErrorKind.Validation, p.Settle(ProposalStatus.Withdrawn)!.Kind);
        Assert.Equal(ErrorKind.Validation, p.Settle(ProposalStatus.Draft)!.Kind);
        Assert.Equal(ProposalStatus.Submitted, p.Status);
    }

    [Fact]
    public void AnAdoptedVersion_TakesNoDeadline_AndIsAdoptedOnce()
    {
        var v = new TextVersion { Label = "Adopted text" };
        Assert.Null(v.SetProposalDeadline(At));
        Assert.Equal(At, v.ProposalDeadlineUtc);
        Assert.Null(v.Adopt());
        Assert.Equal(ErrorKind.Conflict, v.Adopt()!.Kind);
        Assert.Equal(ErrorKind.Conflict, v.SetProposalDeadline(null)!.Kind);
        Assert.Equal(At, v.ProposalDeadlineUtc);
    }
}
