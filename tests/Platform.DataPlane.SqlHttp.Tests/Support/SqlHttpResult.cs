using System.Text.Json;

namespace Platform.DataPlane.SqlHttp.Tests.Support;

/// <summary>A response with its body parsed, for assertions.</summary>
public sealed record SqlHttpResult(int Status, JsonElement Body, int? RetryAfterSeconds)
{
    public string? Code => Body.TryGetProperty("code", out var code) ? code.GetString() : null;

    public JsonElement Rows => Body.GetProperty("rows");

    public JsonElement Row(int index) => Rows[index];

    public override string ToString() => $"{Status} {Body}";
}
