using Platform.Metadata.Teams;

namespace Platform.ControlPlane.Identity;

/// <summary>Either the new user with their personal team, or the problems per field.</summary>
public sealed record SignUpOutcome(PlatformUser? User, Team? PersonalTeam, IReadOnlyDictionary<string, string[]>? Errors)
{
    public bool EmailTaken { get; init; }
}
