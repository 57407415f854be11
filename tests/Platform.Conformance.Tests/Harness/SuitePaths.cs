using Platform.Testing.Hosting;

namespace Platform.Conformance.Tests.Harness;

/// <summary>Where the suite's data lives in the checkout: one folder per conformance schema, and the npm helper folder.</summary>
public static class SuitePaths
{
    public static string Project => Path.Combine(RepositoryRoot.Path, "tests", "Platform.Conformance.Tests");

    public static string Schemas => Path.Combine(Project, "Schemas");

    public static string PostGraphile => Path.Combine(Project, "PostGraphile");
}
