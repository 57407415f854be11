namespace Platform.DataPlane.Execution.Http;

/// <summary>The two response media types of GraphQL over HTTP; they differ only in status codes for request errors.</summary>
public enum MediaType
{
    GraphQLResponseJson,
    Json,
}
