using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.DataPlane.Abstractions.Realtime;
using Platform.DataPlane.Execution;
using Platform.Errors.Postgres;
using Platform.DataPlane.Grains.Telemetry;

namespace Platform.DataPlane.Grains.Realtime;

/// <summary>
/// Runs one interval of a project's live queries: one statement per group (every member's variables in it), at most
/// <c>maxConcurrent</c> statements of this project at once, and a <c>next</c> only to members whose result's hash
/// changed. Everything here runs off the grain; it reads the snapshot it is given and writes only members' hashes.
/// </summary>
internal sealed class LiveQueryPoller(string projectTag, ILogger log)
{
    /// <summary>
    /// Returns the members that failed for good (their error was sent: the caller removes them) and the number of
    /// statements that ran.
    /// </summary>
    public async Task<(IReadOnlyList<Subscriber> Failed, int Statements)> RunAsync(
        GraphQLService service, NpgsqlDataSource tenant, IReadOnlyList<(LiveGroup Group, Subscriber[] Members)> snapshot, SemaphoreSlim concurrency, CancellationToken ct)
    {
        var failed = new List<Subscriber>();
        var statements = 0;
        await Task.WhenAll(snapshot.Select(async g =>
        {
            if (g.Members.Length == 0 || !g.Group.TryStart())
            {
                return;
            }

            try
            {
                await concurrency.WaitAsync(ct);
                try
                {
                    var ran = await RunGroupAsync(service, tenant, g.Group, g.Members, ct);
                    if (ran == GroupOutcome.Ran)
                    {
                        Interlocked.Increment(ref statements);
                    }
                    else if (ran == GroupOutcome.Failed)
                    {
                        lock (failed)
                        {
                            failed.AddRange(g.Members);
                        }
                    }
                }
                finally
                {
                    concurrency.Release();
                }
            }
            finally
            {
                g.Group.Finish();
            }
        }));
        return (failed, statements);
    }

    private enum GroupOutcome
    {
        Ran,
        Skipped,
        Failed,
    }

    private async Task<GroupOutcome> RunGroupAsync(GraphQLService service, NpgsqlDataSource tenant, LiveGroup group, Subscriber[] members, CancellationToken ct)
    {
        byte[][] results;
        try
        {
            results = await service.RunLiveAsync(tenant, group.Query, members.Select(m => m.Live!.Variables).ToArray(), group.Session, ct);
            ProjectMetrics.LiveStatement(projectTag);
        }
        catch (Exception e) when (TenantDatabaseErrors.Classify(e) is { } failure)
        {
            if (failure.Status >= 500)
            {
                // The pool was busy or the database away: this interval is skipped, the next one tries again.
                log.LogInformation("Project {ProjectId}: a live query interval was skipped: {Code}", projectTag, failure.Code);
                return GroupOutcome.Skipped;
            }

            var errors = GraphQLService.ErrorsArray([new Planning.Errors.GraphQLError(failure.Message, failure.Code)]);
            foreach (var m in members)
            {
                m.Send(SubscriptionEventKind.Error, errors);
            }

            return GroupOutcome.Failed;
        }
        catch (Platform.DataPlane.Planning.Errors.GraphQLRequestException e)
        {
            var errors = GraphQLService.ErrorsArray(e.Errors);
            foreach (var m in members)
            {
                m.Send(SubscriptionEventKind.Error, errors);
            }

            return GroupOutcome.Failed;
        }

        for (var i = 0; i < members.Length; i++)
        {
            var hash = SHA256.HashData(results[i]);
            if (members[i].LastHash is { } last && last.AsSpan().SequenceEqual(hash))
            {
                continue;
            }

            members[i].LastHash = hash;
            members[i].Send(SubscriptionEventKind.Next, results[i]);
        }

        return GroupOutcome.Ran;
    }
}
