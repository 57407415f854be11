using Platform.Metadata.Projects;
using Xunit;

namespace Platform.Metadata.Tests;

public sealed class ProjectCorsSettingsTests
{
    [Theory]
    [InlineData("https://app.example")]
    [InlineData("http://localhost:5173")]
    [InlineData("*")]
    public void Origins_are_accepted(string origin)
    {
        new ProjectSettings { Cors = new ProjectCorsSettings { AllowedOrigins = [origin] } }.Validate();
    }

    [Theory]
    [InlineData("app.example")]
    [InlineData("https://app.example/path")]
    [InlineData("ftp://app.example")]
    [InlineData("https://app.example?x=1")]
    public void Anything_but_an_origin_is_refused(string origin)
    {
        var e = Assert.Throws<ArgumentException>(() => new ProjectSettings { Cors = new ProjectCorsSettings { AllowedOrigins = [origin] } }.Validate());
        Assert.Contains("cors.allowedOrigins", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Origins_match_as_browsers_send_them()
    {
        var cors = new ProjectCorsSettings { AllowedOrigins = ["https://App.example/"] };
        Assert.True(cors.Allows("https://app.example"));
        Assert.False(cors.Allows("https://app.example.evil"));
        Assert.False(cors.Allows("http://app.example"));
        Assert.True(new ProjectCorsSettings().Allows("https://anything"));
    }

    [Fact]
    public void Settings_json_reads_the_sql_and_cors_sections()
    {
        var settings = ProjectSettings.Parse("""{"sql":{"allowEndUserTokens":true},"cors":{"allowedOrigins":["https://app.example"]}}""");
        Assert.True(settings.Sql!.AllowEndUserTokens);
        Assert.Equal(["https://app.example"], settings.Cors!.AllowedOrigins!);
        Assert.False(ProjectSettings.Parse("{}").Sql?.AllowEndUserTokens ?? false);
    }
}
