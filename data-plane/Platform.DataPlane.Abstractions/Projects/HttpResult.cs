namespace Platform.DataPlane.Abstractions.Projects;

/// <summary>A finished HTTP answer: the silo's endpoint copies it to the wire as is.</summary>
[GenerateSerializer, Immutable]
public sealed record HttpResult(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string ContentType,
    [property: Id(2)] byte[] Body,
    [property: Id(3)] int? RetryAfterSeconds = null);
