using Platform.Testing.Postgres;

namespace Platform.DataPlane.Planning.Tests.Support;

/// <summary>A throwaway database loaded with Sql/forum.sql, shared by one test class.</summary>
public sealed class ForumDatabase : TestDatabase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Sql", "forum.sql")));
    }
}
