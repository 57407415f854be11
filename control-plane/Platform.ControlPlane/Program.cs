using Hangfire;
using Microsoft.Extensions.Options;
using Platform.ControlPlane.Api;
using Platform.ControlPlane.Commands;
using Platform.ControlPlane.Connect;
using Platform.ControlPlane.Hosting;
using Platform.ControlPlane.Identity;
using Platform.ControlPlane.Pages;
using Platform.Metadata;
using Platform.Metadata.Hosting;
using Platform.ServiceDefaults;

// Verbs for operators and run.sh: `migrate` applies the metadata schema; `demo` creates the demo through the control plane's services.
if (args.Length > 0 && !args[0].StartsWith('-'))
{
    return await AdminCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
var metadata = builder.Configuration.GetConnectionString("Metadata") is { } cs
    ? PostgresConnectionString.Normalize(cs)
    : throw new InvalidOperationException("ConnectionStrings:Metadata is not configured.");

// The control plane is the only writer of platform metadata, so it brings the schema up to date before anything
// reads it (the OpenID Connect keys are read while services are registered).
await MetadataMigrator.MigrateAsync(metadata);

builder.AddServiceDefaults("control-plane");
builder.Services.AddPlatformMetadata(builder.Configuration, "platform-control-plane");
builder.Services.AddControlPlane(builder.Configuration, builder.Environment, web: true);
builder.Services.AddOpenApi();
builder.Services.AddAntiforgery(o => o.Cookie.Name = "platform.antiforgery");
builder.Services.AddCors(o => o.AddDefaultPolicy(p => p
    .SetIsOriginAllowed(origin => AllowedOrigins(builder.Configuration).Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase))
    .AllowAnyHeader()
    .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
    .WithExposedHeaders("ETag", "Location", "X-Jwt-Secret-Set")));

var app = builder.Build();
await IdentitySchema.EnsureAsync(app.Services, metadata);
await OidcClients.SeedAsync(app.Services, app.Services.GetRequiredService<IOptions<ControlPlaneOptions>>().Value);

// Health and metrics first (they may live on the management port); then errors as problem+json for everything else.
app.MapServiceDefaults();
app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ProblemWriter.HandleAsync });
app.Use(ProblemWriter.CatchAsync);
app.UseCors();
app.UseAuthentication();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapGet("/", () => Html.Page("Platform control plane", "<p>This is the platform's API and sign-in service. Use the portal, or see <a href=\"/openapi/v1.json\">the API description</a>.</p>")).ExcludeFromDescription();
app.MapGet("/api", () => Results.Json(new { service = "control-plane", version = typeof(Program).Assembly.GetName().Version?.ToString() })).ExcludeFromDescription();

var api = app.MapGroup("/api");
AccountEndpoints.Map(api, app.Environment);
TeamEndpoints.Map(api);
ProjectEndpoints.Map(api);
DeploymentEndpoints.Map(api);
AuditEndpoints.Map(api);
api.Map("/{**rest}", (HttpContext http) => ProblemWriter.WriteAsync(http, 404, "NOT_FOUND", "No such endpoint.")).ExcludeFromDescription();

AccountPages.Map(app);
ConnectEndpoints.Map(app);
app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AsyncAuthorization = [new OperatorsOnlyDashboard()] });

await app.RunAsync();
return 0;

static string[] AllowedOrigins(IConfiguration configuration) =>
    [.. OidcClients.Split(configuration.GetSection($"{ControlPlaneOptions.Section}:AllowedOrigins").Get<string[]>() ?? []).Select(o => o.TrimEnd('/'))];
