namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>One span as an OTLP exporter sent it: ids in hex, kind as OTLP numbers it (1 internal, 2 server, 3 client).</summary>
public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes);
