using Platform.Conformance.Tests.Harness;
using Xunit;

namespace Platform.Conformance.Tests;

/// <summary>One platform (silo + gateway) for the whole suite; PostGraphile once per schema.</summary>
[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<ConformancePlatform>
{
    public const string Name = "conformance";
}
