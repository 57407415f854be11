using Platform.Testing.Hosting;

namespace Platform.DataPlane.Planning.Tests.Support;

/// <summary>Folders of this test project in the checkout (golden files are written back there on request).</summary>
public static class SourcePaths
{
    public static string Project => Path.Combine(RepositoryRoot.Path, "tests", "Platform.DataPlane.Planning.Tests");

    public static string Golden => Path.Combine(Project, "Golden");

    public static string MutationGolden => Path.Combine(Golden, "Mutations");

    public static string Js => Path.Combine(Project, "Js");
}
