using Platform.Metadata.Projects;
using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// One silo and a gateway; project A's database has what the data-plane attacks need before its first request, and
/// <see cref="Pooled"/> (on tenant B's database) has one pooled connection and an anonymous role that sees one table of two.
/// </summary>
public sealed class AttackPlatform() : PlatformFixture(1), IAsyncLifetime
{
    /// <summary>The anonymous role of <see cref="Pooled"/>; unique, as roles belong to the whole cluster.</summary>
    public string PooledAnonRole { get; } = "hyg_anon_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Pool size 1: every GraphQL request shares one connection, every /sql request another.</summary>
    public TestProject Pooled { get; private set; } = null!;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TenantA.ExecuteAsync("""
            create function public.big_value(megabytes int) returns text language sql stable
              as $$ select repeat('x', megabytes * 1024 * 1024) $$;
            create table public.note (id serial primary key, body text not null);
            insert into public.note (body) values ('first');
            """);
        await TenantB.ExecuteAsync($"""
            create role {PooledAnonRole} nologin;
            grant {PooledAnonRole} to current_user;
            create table public.open_note (id int primary key, body text not null);
            create table public.private_note (id int primary key, body text not null);
            insert into public.open_note values (1, 'open');
            insert into public.private_note values (1, 'private');
            grant usage on schema public to {PooledAnonRole};
            grant select on public.open_note to {PooledAnonRole};
            create function public.session_probe() returns json language sql stable as $$
              select json_build_object(
                'pid', pg_backend_pid(), 'currentUser', current_user, 'sessionUser', session_user,
                'tempTables', (select count(*) from pg_class where relnamespace = pg_my_temp_schema()),
                'channels', (select count(*) from pg_listening_channels()),
                'advisoryLocks', (select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()),
                'sqlPrepared', (select count(*) from pg_prepared_statements where from_sql),
                'leak', coalesce(current_setting('hyg.leak', true), ''))
            $$;
            grant execute on function public.session_probe() to {PooledAnonRole};
            """);
        Pooled = await Hosts.CreateProjectAsync(TenantB.ConnectionString, new ProjectSettings { PoolSize = 1, AnonymousRole = PooledAnonRole });
    }
}
