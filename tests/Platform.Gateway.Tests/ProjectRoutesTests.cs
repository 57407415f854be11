using Microsoft.AspNetCore.Http;
using Platform.Gateway.Routing;
using Xunit;

namespace Platform.Gateway.Tests;

[Trait("Tier", "Fast")]
public sealed class ProjectRoutesTests
{
    [Theory]
    [InlineData("/graphql", null, "graphql")]
    [InlineData("/GraphQL/", null, "graphql")]
    [InlineData("/sql", null, "sql")]
    [InlineData("/projects/p_1/graphql", "p_1", "graphql")]
    [InlineData("/PROJECTS/p_1/SQL/", "p_1", "sql")]
    public void The_four_public_shapes_match_in_any_case_with_an_optional_trailing_slash(string path, string? project, string surface)
    {
        Assert.True(ProjectRoutes.TryMatch(new PathString(path), out var projectId, out var matched));
        Assert.Equal(project, projectId);
        Assert.Equal(surface, matched);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/graphql2")]
    [InlineData("/graphql/extra")]
    [InlineData("/projects/graphql")]
    [InlineData("/projects//graphql")]
    [InlineData("/projects/p_1/admin")]
    [InlineData("/projects/p_1/graphql/x")]
    [InlineData("/healthz")]
    [InlineData("/sql//")]
    public void Anything_else_is_left_to_routing(string path)
    {
        Assert.False(ProjectRoutes.TryMatch(new PathString(path), out var projectId, out var surface));
        Assert.Null(projectId);
        Assert.Equal("", surface);
    }

    [Theory]
    [InlineData("/graphql", true)]
    [InlineData("/sql/anything", true)]
    [InlineData("/projects", true)]
    [InlineData("/metrics", false)]
    [InlineData("/readyz", false)]
    public void Public_paths_are_the_project_endpoints_only(string path, bool isPublic) =>
        Assert.Equal(isPublic, ProjectRoutes.IsPublic(new PathString(path)));
}
