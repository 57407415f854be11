using Platform.DataPlane.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddProjectSilo();

var app = builder.Build();
app.UseProjectSilo();
await app.RunAsync();
