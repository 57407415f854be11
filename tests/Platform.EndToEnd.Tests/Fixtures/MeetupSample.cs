using Platform.Metadata.Projects;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>samples/meetup as run.sh serves it: its migrations applied in name order, its settings file with a secret.</summary>
public static class MeetupSample
{
    public static string Folder => Path.Combine(RepositoryRoot.Path, "samples", "meetup");

    public static string SettingsFile => Path.Combine(Folder, "settings.json");

    public static async Task ApplyAsync(TestDatabase database)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Folder, "migrations"), "*.sql").Order(StringComparer.Ordinal))
        {
            await database.ExecuteAsync(await File.ReadAllTextAsync(file));
        }
    }

    /// <summary>The login the platform connects as: NOINHERIT, a member of the sample's two roles and nothing else.</summary>
    public static Task<Authenticator> AuthenticatorAsync(TestDatabase database) =>
        Authenticator.CreateAsync(database, "app_anonymous", "app_user");

    public static async Task<ProjectSettings> SettingsAsync(string secret)
    {
        var settings = ProjectSettings.Parse(await File.ReadAllTextAsync(SettingsFile));
        return settings with { Jwt = settings.Jwt! with { Secret = secret } };
    }
}
