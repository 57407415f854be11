using Npgsql;
using NpgsqlTypes;
using Platform.DataPlane.Planning;
using Platform.DataPlane.Planning.Binding;
using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Planner;
using Platform.DataPlane.Schema.Model;

namespace Platform.Bench.Scenarios;

/// <summary>
/// The statement the planner makes for a scenario, with the values bound for its variables, run straight on Npgsql:
/// the "direct" side of a comparison, so the ratio is the platform's overhead and not a different query.
/// </summary>
public sealed class DirectStatement
{
    private readonly string text;
    private readonly string?[] values;

    private DirectStatement(string text, string?[] values)
    {
        this.text = text;
        this.values = values;
    }

    public string Text => text;

    public static DirectStatement Plan(SchemaModel model, BenchScenario scenario)
    {
        var options = new PlannerOptions();
        var variables = scenario.Variables;
        var plan = new OperationPlanner(model, options).Plan(DocumentParser.Parse(scenario.Query, options), null, variables);
        var statement = plan.RootFields.Single().Statement ?? throw new InvalidOperationException(scenario.Name + " is answered without SQL");
        return new DirectStatement(statement.Text, ParameterBinder.Bind(statement, variables));
    }

    /// <summary>The statement as one command of a batch, its values sent as text as the executor sends them.</summary>
    public NpgsqlBatchCommand Command()
    {
        var command = new NpgsqlBatchCommand(text);
        foreach (var v in values)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)v ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>Runs it prepared, with every value sent as text as the executor does, and returns PostgreSQL's JSON.</summary>
    public async Task<string> RunAsync(NpgsqlDataSource dataSource)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(text, conn);
        foreach (var v in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)v ?? DBNull.Value });
        }

        await cmd.PrepareAsync();
        return await cmd.ExecuteScalarAsync() as string ?? throw new InvalidOperationException("no JSON came back");
    }
}
