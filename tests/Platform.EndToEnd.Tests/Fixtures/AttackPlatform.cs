using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>One silo and a gateway; project A's database has what the data-plane attacks need before its first request.</summary>
public sealed class AttackPlatform() : PlatformFixture(1), IAsyncLifetime
{
    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TenantA.ExecuteAsync("""
            create function public.big_value(megabytes int) returns text language sql stable
              as $$ select repeat('x', megabytes * 1024 * 1024) $$;
            create table public.note (id serial primary key, body text not null);
            insert into public.note (body) values ('first');
            """);
    }
}
