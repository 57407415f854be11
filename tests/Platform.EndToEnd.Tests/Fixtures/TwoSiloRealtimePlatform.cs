namespace Platform.EndToEnd.Tests.Fixtures;

public sealed class TwoSiloRealtimePlatform() : RealtimePlatform(2);
