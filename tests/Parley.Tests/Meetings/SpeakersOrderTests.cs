using Parley.Features.Meetings;
using Xunit;

namespace Parley.Tests.Meetings;

/// <summary>Protocol order of the list of speakers, as a pure rule.</summary>
public sealed class SpeakersOrderTests
{
    private static int _id;

    private static List<Inscription> Inscribe(params (SpeakerCategory Category, SpeakerLevel Level, string Code)[] arrivals)
    {
        var list = new List<Inscription>();
        foreach (var (category, level, code) in arrivals)
        {
            list.Add(new Inscription { Id = ++_id, Code = code, Category = category, Level = level, Status = InscriptionStatus.Waiting, Order = SpeakersList.PlaceFor(list, category, level) });
        }
        return list.OrderBy(i => i.Order).ToList();
    }

    [Fact]
    public void GroupsFirst_ThenMemberStatesByLevel_ThenObservers_UnEntities_AndStakeholders()
    {
        var list = Inscribe(
            (SpeakerCategory.Stakeholder, SpeakerLevel.Other, "NGO"),
            (SpeakerCategory.MemberState, SpeakerLevel.HeadOfDelegation, "BRA"),
            (SpeakerCategory.UnEntity, SpeakerLevel.Other, "IOM"),
            (SpeakerCategory.MemberState, SpeakerLevel.Minister, "MEX"),
            (SpeakerCategory.Group, SpeakerLevel.Other, "G77"),
            (SpeakerCategory.ObserverState, SpeakerLevel.Other, "VAT"),
            (SpeakerCategory.MemberState, SpeakerLevel.HeadOfStateOrGovernment, "MAR"),
            (SpeakerCategory.MemberState, SpeakerLevel.Minister, "DEU"),
            (SpeakerCategory.Group, SpeakerLevel.Other, "EU"),
            (SpeakerCategory.IntergovernmentalOrganisation, SpeakerLevel.Other, "OECD"));
        Assert.Equal(["G77", "EU", "MAR", "MEX", "DEU", "BRA", "VAT", "OECD", "IOM", "NGO"], list.Select(i => i.Code));
    }

    [Fact]
    public void WithinARank_FirstComeFirstServed_AndAfterSpeakersWhoHaveSpoken()
    {
        var list = Inscribe((SpeakerCategory.MemberState, SpeakerLevel.Minister, "A"), (SpeakerCategory.MemberState, SpeakerLevel.Minister, "B"));
        list[0].Status = InscriptionStatus.Spoken;
        list[1].Status = InscriptionStatus.Speaking;
        var order = SpeakersList.PlaceFor(list, SpeakerCategory.Group, SpeakerLevel.Other);
        Assert.True(order > list.Max(i => i.Order)); // a group arriving late does not jump ahead of those who already spoke
    }
}
