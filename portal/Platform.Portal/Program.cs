using Platform.Portal.Bff;
using Platform.Portal.Health;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("portal");
builder.Services.AddHttpClient("control-plane", c =>
{
    c.BaseAddress = new Uri(builder.Configuration["Platform:ControlPlaneUrl"] ?? "http://127.0.0.1:5100");
    c.Timeout = TimeSpan.FromSeconds(3);
});
builder.Services.AddHealthChecks().AddCheck<ControlPlaneHealthCheck>("control-plane", tags: ["ready"]);
builder.Services.AddPortalAuthentication(builder.Configuration);
builder.Services.AddHttpForwarder();

var app = builder.Build();
app.MapServiceDefaults();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.MapBff();
app.MapApiProxy();
// Client-side routes (/projects/..., /signup, the e-mail links) all load the one page.
app.MapFallbackToFile("index.html");
await app.RunAsync();
