using System.Text.Json;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Mutations;

/// <summary>
/// A payload is read after its change: its <c>query</c>, relations and computed columns see the new row and what
/// triggers and function bodies wrote, as PostGraphile's payloads do.
/// </summary>
public sealed class PayloadAfterChangeTests(BoardFixture board) : IClassFixture<BoardFixture>
{
    private readonly TestDatabase db = board.Database;

    private Task<JsonElement> RunAsync(string query, object? variables = null) =>
        new GraphQLClient(board.Service, db.DataSource).QueryAsync(query, variables);

    [Fact]
    public async Task Create_payload_sees_the_new_row_and_what_its_trigger_wrote()
    {
        var before = (await RunAsync("{ allCards { totalCount } boardById(id: 1) { cardCount } }")).GetProperty("data");
        var cards = before.GetProperty("allCards").GetProperty("totalCount").GetInt32();
        var onBoard = before.GetProperty("boardById").GetProperty("cardCount").GetInt32();
        var created = (await RunAsync("""
            mutation {
              createCard(input: {card: {boardId: 1, title: "new", tags: ["a", "b"], due: "2026-01-02T03:04:05Z", price: "12.50", data: {k: [1, 2]}}}) {
                card { title tags due price data eventCount cardEventsByCardId { nodes { kind } } }
                boardByBoardId { cardCount }
                query { allCards { totalCount } }
              }
            }
            """)).Data("createCard");

        Assert.Equal(cards + 1, created.GetProperty("query").GetProperty("allCards").GetProperty("totalCount").GetInt32());
        var card = created.GetProperty("card");
        Assert.Equal("INSERT", card.GetProperty("cardEventsByCardId").GetProperty("nodes")[0].GetProperty("kind").GetString());
        Assert.Equal("1", card.GetProperty("eventCount").GetString());
        Assert.Equal(onBoard + 1, created.GetProperty("boardByBoardId").GetProperty("cardCount").GetInt32());

        // The row travels between the two statements as text: every type must come back as it went in.
        Assert.Equal("a,b", string.Join(",", card.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
        Assert.Equal("2026-01-02T03:04:05+00:00", card.GetProperty("due").GetString());
        Assert.Equal("12.50", card.GetProperty("price").GetString());
        Assert.Equal(2, JsonDocument.Parse(card.GetProperty("data").GetString()!).RootElement.GetProperty("k")[1].GetInt32());
    }

    [Fact]
    public async Task Update_and_delete_payloads_see_the_database_after_the_change()
    {
        var id = (await RunAsync("""mutation { createCard(input: {card: {boardId: 1, title: "before"}}) { card { id } } }""")).Data("createCard").GetProperty("card").GetProperty("id").GetInt32();

        var updated = (await RunAsync("""
            mutation($id: Int!) {
              updateCardById(input: {id: $id, cardPatch: {title: "after"}}) {
                card { title }
                query { allCards(condition: {title: "after"}) { nodes { id } } }
              }
            }
            """, new { id })).Data("updateCardById");
        Assert.Equal("after", updated.GetProperty("card").GetProperty("title").GetString());
        Assert.Contains(id, updated.GetProperty("query").GetProperty("allCards").NodeIds());

        var deleted = (await RunAsync("""
            mutation($id: Int!) {
              deleteCardById(input: {id: $id}) {
                card { id title }
                query { cardById(id: $id) { id } allCardEvents(condition: {cardId: $id}) { totalCount } }
              }
            }
            """, new { id })).Data("deleteCardById");
        Assert.Equal("after", deleted.GetProperty("card").GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, deleted.GetProperty("query").GetProperty("cardById").ValueKind);
        Assert.Equal(0, deleted.GetProperty("query").GetProperty("allCardEvents").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Function_payload_sees_what_the_function_body_wrote()
    {
        var opened = (await RunAsync("""
            mutation {
              openBoard(input: {name: "sprint", titles: ["x", "y", "z"]}) {
                board { name cardsByBoardId(orderBy: ID_ASC) { nodes { title } } }
              }
            }
            """)).Data("openBoard").GetProperty("board");
        Assert.Equal("x,y,z", string.Join(",", opened.GetProperty("cardsByBoardId").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("title").GetString())));

        var boardId = (await RunAsync("""{ allBoards(condition: {name: "sprint"}) { nodes { id } } }""")).Data("allBoards").NodeIds().Single();
        var titles = (await RunAsync("mutation($b: Int!) { cardTitles(input: {boardId: $b}) { strings } }", new { b = boardId })).Data("cardTitles");
        Assert.Equal("x,y,z", string.Join(",", titles.GetProperty("strings").EnumerateArray().Select(n => n.GetString())));
    }

    [Fact]
    public async Task Update_of_a_missing_row_is_still_an_error_and_changes_nothing()
    {
        var result = await RunAsync("""
            mutation {
              a: createBoard(input: {board: {name: "rolled back"}}) { board { id } }
              b: updateCardById(input: {id: -1, cardPatch: {title: "nobody"}}) { card { id } }
            }
            """);
        Assert.Equal("NOT_FOUND", result.Code());
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from board where name = 'rolled back'"));
    }
}
