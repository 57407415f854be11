namespace Platform.DataPlane.Execution;

/// <summary>The complete HTTP answer: the host copies status, content type and body as they are.</summary>
public sealed record GraphQLHttpResponse(int StatusCode, string ContentType, byte[] Body);
