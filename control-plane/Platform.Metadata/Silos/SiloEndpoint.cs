namespace Platform.Metadata.Silos;

public sealed record SiloEndpoint(string SiloAddress, string HttpUrl);
