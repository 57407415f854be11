using System.Text.Json;
using Npgsql;
using Platform.Metadata;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Platform.Metadata.Security;

namespace Platform.ControlPlane.Commands;

/// <summary>
/// One-shot administrative verbs run by run.sh and operators. They share the hosts' configuration keys
/// (ConnectionStrings__Metadata, Platform__MasterKey) through environment variables or --Key=value arguments.
/// </summary>
public static class AdminCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args[1..]).Build();
        var metadata = config.GetConnectionString("Metadata") ?? throw new InvalidOperationException("ConnectionStrings:Metadata is not configured.");
        var cs = PostgresConnectionString.Normalize(metadata);
        switch (args[0])
        {
            case "migrate":
                var applied = await MetadataMigrator.MigrateAsync(cs);
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new { applied }));
                return 0;
            case "demo":
                return await DemoAsync(config, cs);
            default:
                await Console.Error.WriteLineAsync($"unknown command '{args[0]}'; expected migrate or demo");
                return 2;
        }
    }

    /// <summary>
    /// Creates or updates the project named --name (default "demo") on --database-url, applies --settings (a project
    /// settings JSON file, whose missing JWT secret is taken from Platform__DemoJwtSecret), revokes its earlier keys and prints a fresh anon and service key as JSON. Keys are stored
    /// hashed, so a re-run cannot show old ones again: it issues new ones instead.
    /// </summary>
    private static async Task<int> DemoAsync(IConfiguration config, string metadataConnectionString)
    {
        var name = config["name"] ?? "demo";
        var tenant = config["database-url"] ?? throw new InvalidOperationException("--database-url is required");
        var settings = config["settings"] is { Length: > 0 } file ? ProjectSettings.Parse(await File.ReadAllTextAsync(file)) : new ProjectSettings();
        if (settings.Jwt is { Secret: null } jwt && config["Platform:DemoJwtSecret"] is { Length: > 0 } secret)
        {
            // A sample's settings file carries no secret; run.sh makes one per state directory and passes it in the environment.
            settings = settings with { Jwt = jwt with { Secret = secret } };
        }

        await MetadataMigrator.MigrateAsync(metadataConnectionString);
        await using var ds = NpgsqlDataSource.Create(metadataConnectionString);
        var projects = new ProjectStore(ds, SecretProtector.FromBase64(config["Platform:MasterKey"]));
        var keys = new ApiKeyStore(ds);
        var id = await projects.UpsertAsync(name, tenant, settings);
        await keys.RevokeAllAsync(id);
        var anon = await keys.IssueAsync(id, ApiKeyRole.Anon, "demo anon");
        var service = await keys.IssueAsync(id, ApiKeyRole.Service, "demo service");
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new { projectId = id, anonKey = anon.Key, serviceKey = service.Key }));
        return 0;
    }
}
