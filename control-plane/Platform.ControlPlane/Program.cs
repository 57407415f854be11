using Platform.ControlPlane.Commands;
using Platform.Metadata;
using Platform.Metadata.Hosting;
using Platform.ServiceDefaults;

// Verbs for operators and run.sh: `migrate` applies the metadata schema; `demo` creates the demo project and its keys.
if (args.Length > 0 && !args[0].StartsWith('-'))
{
    return await AdminCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("control-plane");
builder.Services.AddPlatformMetadata(builder.Configuration, "platform-control-plane");

var app = builder.Build();

// The control plane is the only writer of platform metadata, so it brings the schema up to date before serving.
await MetadataMigrator.MigrateAsync(app.Configuration.GetConnectionString("Metadata")!
    is { } cs ? PostgresConnectionString.Normalize(cs) : throw new InvalidOperationException("ConnectionStrings:Metadata is not configured."));

app.MapServiceDefaults();
app.MapGet("/api", () => Results.Json(new { service = "control-plane", version = typeof(Program).Assembly.GetName().Version?.ToString() }));

await app.RunAsync();
return 0;
