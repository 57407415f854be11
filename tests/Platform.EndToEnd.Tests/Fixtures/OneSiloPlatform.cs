namespace Platform.EndToEnd.Tests.Fixtures;

public sealed class OneSiloPlatform() : PlatformFixture(1);
