using Platform.DataPlane.Execution.Database;
using Platform.DataPlane.Introspection;
using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Introspection;

public sealed class CatalogSnapshotTests(ForumDatabase db) : IClassFixture<ForumDatabase>
{
    [Fact]
    public async Task Snapshot_holds_tables_views_materialized_views_with_columns()
    {
        var snapshot = await CatalogReader.ReadAsync(db.DataSource, ["public"], CancellationToken.None);
        Assert.Equal("r", snapshot.Classes.Single(c => c.Name == "event").Kind);
        Assert.Equal("v", snapshot.Classes.Single(c => c.Name == "event_summary").Kind);
        Assert.Equal("m", snapshot.Classes.Single(c => c.Name == "group_stats").Kind);
        var user = snapshot.Classes.Single(c => c.Name == "user");
        var email = user.Columns.Single(c => c.Name == "email");
        Assert.True(email.NotNull);
        Assert.Equal("email", snapshot.Types.Single(t => t.Oid == email.TypeOid).Name);
        Assert.Equal("d", snapshot.Types.Single(t => t.Oid == email.TypeOid).Kind);
        var tags = user.Columns.Single(c => c.Name == "tags");
        Assert.Equal("A", snapshot.Types.Single(t => t.Oid == tags.TypeOid).Category);
        Assert.Equal(["happy", "sad", "in between"], snapshot.Types.Single(t => t.Name == "mood").EnumValues!);
        Assert.Contains("@name biography", user.Columns.Single(c => c.Name == "bio").Comment, StringComparison.Ordinal);
        Assert.True(user.Columns.Single(c => c.Name == "score").HasDefault);
    }

    [Fact]
    public async Task Snapshot_holds_composite_primary_and_foreign_keys()
    {
        var snapshot = await CatalogReader.ReadAsync(db.DataSource, ["public"], CancellationToken.None);
        var attendance = snapshot.Classes.Single(c => c.Name == "attendance");
        var membership = snapshot.Classes.Single(c => c.Name == "membership");
        var pk = snapshot.Constraints.Single(k => k.ClassOid == membership.Oid && k.Kind == "p");
        Assert.Equal(2, pk.Keys.Count);
        var fk = snapshot.Constraints.Single(k => k.ClassOid == attendance.Oid && k.Kind == "f" && k.ForeignClassOid == membership.Oid);
        Assert.Equal(2, fk.Keys.Count);
        Assert.Equal(2, fk.ForeignKeys!.Count);
    }

    [Fact]
    public async Task Snapshot_holds_functions_with_volatility_and_set_returns()
    {
        var snapshot = await CatalogReader.ReadAsync(db.DataSource, ["public"], CancellationToken.None);
        var search = snapshot.Functions.Single(f => f.Name == "search_events");
        Assert.True(search.ReturnsSet);
        Assert.Equal("s", search.Volatility);
        Assert.Equal(["term"], search.InputArgNames());
        var add = snapshot.Functions.Single(f => f.Name == "add_numbers");
        Assert.Equal(1, add.ArgDefaultCount);
        Assert.True(add.Strict);
        Assert.Equal("v", snapshot.Functions.Single(f => f.Name == "touch_event").Volatility);
    }

    [Fact]
    public async Task Snapshot_holds_output_arguments_and_what_views_postgres_can_write_through()
    {
        var snapshot = await CatalogReader.ReadAsync(db.DataSource, ["public"], CancellationToken.None);
        var counts = snapshot.Functions.Single(f => f.Name == "group_event_counts");
        var bigint = snapshot.Types.Single(t => t.Name == "int8").Oid;
        Assert.Equal([("events", bigint), ("published", bigint)], counts.OutputArguments());
        Assert.Equal(["g"], counts.InputArgNames());
        var busiest = snapshot.Functions.Single(f => f.Name == "busiest_groups");
        Assert.Equal(["group_name", "event_count"], busiest.OutputArguments().Select(o => o.Name));
        Assert.Equal(["top"], busiest.InputArgNames());
        Assert.Empty(snapshot.Functions.Single(f => f.Name == "search_events").OutputArguments());

        Assert.True(snapshot.Classes.Single(c => c.Name == "event").Insertable);
        // A join is not a view PostgreSQL can write through; a materialized view never is.
        var summary = snapshot.Classes.Single(c => c.Name == "event_summary");
        Assert.Equal((false, false, false), (summary.Insertable, summary.Updatable, summary.Deletable));
        Assert.False(snapshot.Classes.Single(c => c.Name == "group_stats").Updatable);
    }

    [Fact]
    public async Task Catalog_is_read_in_one_round_trip()
    {
        using var trips = new RoundTripCounter(db.Name);
        await CatalogReader.ReadAsync(db.DataSource, ["public"], CancellationToken.None);
        Assert.Equal(1, trips.Count);
    }

    [Fact]
    public async Task Snapshot_round_trips_through_json_with_the_same_fingerprint()
    {
        var snapshot = await CatalogReader.ReadAsync(db.DataSource, ["public"], CancellationToken.None);
        var copy = SnapshotSerializer.Deserialize(SnapshotSerializer.Serialize(snapshot));
        Assert.Equal(SnapshotSerializer.Fingerprint(snapshot), SnapshotSerializer.Fingerprint(copy));
        Assert.Equal(snapshot.Classes.Count, copy.Classes.Count);
    }
}
