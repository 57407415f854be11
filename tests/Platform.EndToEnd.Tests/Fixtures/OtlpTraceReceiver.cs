using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Testing.Hosting;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// An OTLP/HTTP trace endpoint in the test process (POST /v1/traces, protobuf), so hosts started with
/// OTEL_EXPORTER_OTLP_ENDPOINT pointing here export their real spans to the test. It decodes only what trace tests
/// look at: service name, scope, ids, name, kind and string attributes.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private OtlpTraceReceiver(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentQueue<ReceivedSpan> Spans { get; } = new();

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app, url);
        app.MapPost("/v1/traces", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            receiver.Decode(body.ToArray());
            // An empty ExportTraceServiceResponse: full success.
            http.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        return receiver;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    // ExportTraceServiceRequest{1: ResourceSpans{1: Resource{1: KeyValue}, 2: ScopeSpans{1: Scope{1: name}, 2: Span}}}
    private void Decode(byte[] request)
    {
        foreach (var resourceSpans in ProtoWire.Read(request).Where(f => f.Number == 1))
        {
            var fields = ProtoWire.Read(resourceSpans.Bytes);
            var resource = fields.Where(f => f.Number == 1).Select(f => Attributes(ProtoWire.Read(f.Bytes))).FirstOrDefault() ?? [];
            var service = resource.GetValueOrDefault("service.name", "");
            foreach (var scopeSpans in fields.Where(f => f.Number == 2).Select(f => ProtoWire.Read(f.Bytes)))
            {
                var scope = scopeSpans.Where(f => f.Number == 1).Select(f => Text(ProtoWire.Read(f.Bytes), 1)).FirstOrDefault() ?? "";
                foreach (var span in scopeSpans.Where(f => f.Number == 2).Select(f => ProtoWire.Read(f.Bytes)))
                {
                    Spans.Enqueue(new ReceivedSpan(
                        service, scope, Hex(span, 1), Hex(span, 2), Hex(span, 4), Text(span, 5),
                        (int)(span.FirstOrDefault(f => f.Number == 6).Value), Attributes(span, 9)));
                }
            }
        }
    }

    /// <summary>String-valued KeyValue attributes in the given field (KeyValue{1: key, 2: AnyValue{1: string}}).</summary>
    private static Dictionary<string, string> Attributes(List<ProtoWire.Field> message, int field = 1)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kv in message.Where(f => f.Number == field).Select(f => ProtoWire.Read(f.Bytes)))
        {
            var value = kv.Where(f => f.Number == 2).Select(f => ProtoWire.Read(f.Bytes)).FirstOrDefault();
            if (value is not null && value.Any(f => f.Number == 1))
            {
                result[Text(kv, 1)] = Text(value, 1);
            }
        }

        return result;
    }

    private static string Text(List<ProtoWire.Field> message, int field) =>
        message.Where(f => f.Number == field).Select(f => Encoding.UTF8.GetString(f.Bytes.Span)).FirstOrDefault() ?? "";

    private static string Hex(List<ProtoWire.Field> message, int field) =>
        message.Where(f => f.Number == field).Select(f => Convert.ToHexStringLower(f.Bytes.Span)).FirstOrDefault() ?? "";
}
