using Platform.Metadata.Keys;

namespace Platform.EndToEnd.Tests.Fixtures;

public sealed record TestProject(Guid Id, IssuedApiKey AnonKey, IssuedApiKey ServiceKey);
