namespace Platform.Metadata.Teams;

/// <summary>A member's role in a team, lowest first: each role may do everything the ones below it may.</summary>
public enum TeamRole
{
    Viewer = 0,
    Developer = 1,
    Admin = 2,
    Owner = 3,
}
