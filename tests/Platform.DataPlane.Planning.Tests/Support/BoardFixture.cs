using Platform.DataPlane.Execution;
using Platform.Testing.Postgres;

namespace Platform.DataPlane.Planning.Tests.Support;

/// <summary>A database of boards and cards whose triggers and functions write beside the row a mutation changes.</summary>
public sealed class BoardFixture : Xunit.IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public GraphQLService Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await Database.ExecuteAsync("""
            create table board (id serial primary key, name text not null, card_count int not null default 0);
            create table card (id serial primary key, board_id int not null references board(id), title text not null,
              tags text[], due timestamptz, price numeric(10, 2), data jsonb);
            create table card_event (id serial primary key, card_id int not null references card(id) on delete cascade, kind text not null);
            create function card_log() returns trigger language plpgsql as $$
            begin
              insert into card_event (card_id, kind) values (new.id, tg_op);
              update board set card_count = card_count + 1 where id = new.board_id;
              return new;
            end $$;
            create trigger card_log after insert on card for each row execute function card_log();
            create function card_event_count(c card) returns bigint stable language sql as $$ select count(*) from card_event where card_id = c.id $$;
            create function open_board(name text, titles text[]) returns board volatile language plpgsql as $$
            declare b board;
            begin
              insert into board (name) values (open_board.name) returning * into b;
              insert into card (board_id, title) select b.id, t from unnest(titles) t;
              return b;
            end $$;
            create function card_titles(board_id int) returns setof text volatile language sql as $$
              select title from card where card.board_id = card_titles.board_id order by id $$;
            insert into board (name) values ('first');
            """);
        Service = await GraphQLService.CreateAsync(Database.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}
