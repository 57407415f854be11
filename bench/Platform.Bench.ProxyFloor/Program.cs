using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Platform.Bench.ProxyFloor;
using Platform.ServiceDefaults.InternalAuth;
using Yarp.ReverseProxy.Forwarder;

// Environment: Platform__InternalSecret (as the silo's), FLOOR_SILO (the silo's base URL), FLOOR_YARP=1 to forward
// with YARP's forwarder (as it comes, streaming the body) instead of HttpClient. Answers /readyz and a /metrics with
// the two runtime counters the benchmark reads, so it is measured exactly like the gateway.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var viaYarp = Environment.GetEnvironmentVariable("FLOOR_YARP") == "1";
builder.Services.AddHttpForwarder();
var app = builder.Build();
var signer = new InternalRequestSigner(Environment.GetEnvironmentVariable("Platform__InternalSecret") ?? "");
var silo = Environment.GetEnvironmentVariable("FLOOR_SILO") ?? throw new InvalidOperationException("FLOOR_SILO is not set");
using var client = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    ActivityHeadersPropagator = null,
});

var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
var transformer = new FloorTransformer(signer);
app.Run(async http =>
{
    switch (http.Request.Path.Value)
    {
        case "/readyz":
            await http.Response.WriteAsync("ok");
            return;
        case "/metrics":
            await http.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"dotnet_gc_heap_total_allocated_bytes_total {GC.GetTotalAllocatedBytes()}\ndotnet_jit_compilation_time_seconds_total {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds}\n"));
            return;
    }

    var project = http.Request.Headers["X-Bench-Project"].ToString();
    var path = $"/internal/projects/{project}/graphql";
    // The signature covers the body (decision 0087): read it first, as the gateway does.
    var body = new byte[(int)(http.Request.ContentLength ?? 0)];
    if (viaYarp)
    {
        http.Request.EnableBuffering();
        await http.Request.Body.ReadExactlyAsync(body, http.RequestAborted);
        http.Request.Body.Position = 0;
        http.Items[FloorTransformer.PathItem] = path;
        http.Items[FloorTransformer.BodyItem] = body;
        await forwarder.SendAsync(http, silo, client, ForwarderRequestConfig.Empty, transformer);
        return;
    }

    await http.Request.Body.ReadExactlyAsync(body, http.RequestAborted);
    using var request = new HttpRequestMessage(HttpMethod.Post, silo + path) { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(http.Request.ContentType ?? "application/json");
    foreach (var (name, value) in signer.Headers(project, "anon", "POST", path, "", http.Request.Headers.Authorization.ToString(), body, DateTimeOffset.UtcNow))
    {
        request.Headers.TryAddWithoutValidation(name, value);
    }

    using var response = await client.SendAsync(request, http.RequestAborted);
    var answer = await response.Content.ReadAsByteArrayAsync(http.RequestAborted);
    http.Response.StatusCode = (int)response.StatusCode;
    http.Response.ContentType = response.Content.Headers.ContentType?.ToString();
    http.Response.ContentLength = answer.Length;
    await http.Response.Body.WriteAsync(answer, http.RequestAborted);
});

await app.RunAsync();
