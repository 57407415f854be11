namespace Platform.EndToEnd.Tests.Fixtures;

public sealed class TwoSiloPlatform() : PlatformFixture(2);
