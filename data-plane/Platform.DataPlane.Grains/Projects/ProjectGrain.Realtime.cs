using System.Text.Json;
using Platform.DataPlane.Abstractions.Projects;
using Platform.DataPlane.Abstractions.Realtime;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Execution.Live;
using Platform.DataPlane.Grains.Realtime;
using Platform.Errors;
using Platform.Metadata.Keys;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>graphql-transport-ws operations: thin, everything lives in <see cref="ProjectRealtime"/> and the engine.</summary>
public sealed partial class ProjectGrain : IProjectRealtimeGrain
{
    private ProjectRealtime? realtime;
    private IGrainTimer? ticker;

    private ProjectRealtime Realtime => realtime ??= new ProjectRealtime(tenant, () => Service,
        config.Settings.Realtime ?? new Metadata.Projects.RealtimeSettings(), Options.SocketLease, projectTag, log);

    public async Task<SocketAdmission> AdmitSocket(ApiKeyRole keyRole, string? authorization)
    {
        var result = await identity.ResolveAsync(keyRole, authorization);
        if (result.Refused)
        {
            return new SocketAdmission(false, null, result.Error!.Code, result.Error.Message);
        }

        var exp = result.Session?.Settings is { } s && s.TryGetValue("jwt.claims.exp", out var e) && long.TryParse(e, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : (DateTimeOffset?)null;
        return new SocketAdmission(true, exp, null, null);
    }

    public async Task<OperationOutcome> StartOperation(OperationCall call, ISubscriptionObserver observer)
    {
        if (hostRefusal is not null)
        {
            return FromHttp(HttpResult.From(GraphQLErrorJson.Render(HostRefused())));
        }

        if (!await LoginAllowedAsync(CancellationToken.None))
        {
            return FromHttp(HttpResult.From(GraphQLErrorJson.Render(LoginBlocked())));
        }

        var service = Service ?? await schema.EnsureAsync(CancellationToken.None);
        if (service is null)
        {
            return FromHttp(Unavailable());
        }

        var prepared = await Task.Run(() => service.PrepareOperationAsync(call.Payload, CancellationToken.None));
        switch (prepared.Kind)
        {
            case OperationKind.Single:
                return FromHttp(await ExecuteGraphQL(new GraphQLCall("POST", "application/json", "application/json", call.Payload, null, call.KeyRole, call.Authorization)));
            case OperationKind.Failed:
                return new OperationOutcome(OperationOutcomeKind.Error, prepared.Errors);
        }

        var who = await identity.ResolveAsync(call.KeyRole, call.Authorization);
        if (who.Refused)
        {
            return FromHttp(HttpResult.From(GraphQLErrorJson.Render(who.Error!)));
        }

        var outcome = await Realtime.SubscribeAsync(call, observer, prepared, who.Session);
        if (Realtime.Active && ticker is null)
        {
            // Runs only while someone is subscribed; keeps the grain alive for as long.
            ticker = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(Realtime.Interval, Realtime.Interval) { Interleave = true, KeepAlive = true });
        }

        return outcome;
    }

    public Task StopOperation(string socketId, string operationId) => Realtime.StopAsync(socketId, operationId);

    public Task<string[]> RenewSocket(string socketId, string[] operationIds) => Task.FromResult(Realtime.Renew(socketId, operationIds));

    public Task CloseSocket(string socketId) => Realtime.CloseSocketAsync(socketId);

    private async Task TickAsync(CancellationToken ct)
    {
        await Realtime.TickAsync(ct);
        if (!Realtime.Active)
        {
            ticker?.Dispose();
            ticker = null;
        }
    }

    /// <summary>A single result as graphql-transport-ws sends it: a body with data is next + complete; errors alone are an error message.</summary>
    private static OperationOutcome FromHttp(HttpResult result)
    {
        try
        {
            using var document = JsonDocument.Parse(result.Body);
            var root = document.RootElement;
            if (root.TryGetProperty("data", out _))
            {
                return new OperationOutcome(OperationOutcomeKind.Result, result.Body);
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                return new OperationOutcome(OperationOutcomeKind.Error, System.Text.Encoding.UTF8.GetBytes(errors.GetRawText()));
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                // The platform's own error shape ({"error":{"code","message"}}) as a GraphQL error.
                var code = error.TryGetProperty("code", out var c) ? c.GetString() ?? "ERROR" : "ERROR";
                var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? code : code;
                return new OperationOutcome(OperationOutcomeKind.Error, GraphQLService.ErrorsArray([new Planning.Errors.GraphQLError(message, code)]));
            }
        }
        catch (JsonException)
        {
        }

        return new OperationOutcome(OperationOutcomeKind.Error, GraphQLService.ErrorsArray([new Planning.Errors.GraphQLError("The operation failed.", "INTERNAL_ERROR")]));
    }
}
