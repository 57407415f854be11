namespace Platform.EndToEnd.Tests.Fixtures;

public sealed class OneSiloRealtimePlatform() : RealtimePlatform(1);
