namespace Platform.Metadata.Teams;

/// <summary>The wire and column spelling of <see cref="TeamRole"/>.</summary>
public static class TeamRoles
{
    public static string ToWire(this TeamRole role) => role switch
    {
        TeamRole.Owner => "owner",
        TeamRole.Admin => "admin",
        TeamRole.Developer => "developer",
        _ => "viewer",
    };

    public static bool TryParse(string? value, out TeamRole role)
    {
        switch (value)
        {
            case "owner": role = TeamRole.Owner; return true;
            case "admin": role = TeamRole.Admin; return true;
            case "developer": role = TeamRole.Developer; return true;
            case "viewer": role = TeamRole.Viewer; return true;
            default: role = TeamRole.Viewer; return false;
        }
    }

    public static TeamRole Parse(string value) =>
        TryParse(value, out var role) ? role : throw new FormatException($"unknown team role '{value}'");
}
