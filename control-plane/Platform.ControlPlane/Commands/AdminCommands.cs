using System.Text.Json;
using Platform.Metadata;

namespace Platform.ControlPlane.Commands;

/// <summary>
/// One-shot administrative verbs run by run.sh and operators. They share the hosts' configuration keys
/// (ConnectionStrings__Metadata, Platform__MasterKey) through environment variables or --Key=value arguments.
/// </summary>
public static class AdminCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args[0])
        {
            case "migrate":
                var config = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args[1..]).Build();
                var metadata = config.GetConnectionString("Metadata") ?? throw new InvalidOperationException("ConnectionStrings:Metadata is not configured.");
                var applied = await MetadataMigrator.MigrateAsync(PostgresConnectionString.Normalize(metadata));
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new { applied }));
                return 0;
            case "demo":
                return await DemoCommand.RunAsync(args[1..]);
            default:
                await Console.Error.WriteLineAsync($"unknown command '{args[0]}'; expected migrate or demo");
                return 2;
        }
    }
}
