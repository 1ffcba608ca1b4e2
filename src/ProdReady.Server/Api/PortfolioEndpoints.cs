using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ProdReady.Model;
using ProdReady.Server.Auth;
using ProdReady.Server.Store;

namespace ProdReady.Server.Api;

/// <summary>Reading the portfolio: every service, one service's history, one control across services.</summary>
public static class PortfolioEndpoints
{
    /// <summary>A service in the list: its summary and whether its last scan is older than the server's stale limit.</summary>
    public sealed record ServiceItem(string Name, string? Owner, string Tier, string? Repo, LatestAssessment? Latest, IReadOnlyList<double?> Trend, bool Stale);

    public sealed record ServiceHistory(ServiceItem Service, IReadOnlyList<AssessmentRecord> Assessments);

    public sealed record ControlCampaign(string Control, int Failing, IReadOnlyList<ControlStanding> Services);

    private const int MaxTrendPoints = 100;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/services", ServicesAsync).RequireAuthorization(KeyScopes.Read)
            .WithName("listServices")
            .WithSummary("Every service with its latest score, level, P0 failures and trend (oldest first); filter by owner and tier")
            .Produces<IReadOnlyList<ServiceItem>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/services/{name}", ServiceAsync).RequireAuthorization(KeyScopes.Read)
            .WithName("getService")
            .WithSummary("One service and its assessments, newest scan first, with category scores")
            .Produces<ServiceHistory>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/controls/{id}", ControlAsync).RequireAuthorization(KeyScopes.Read)
            .WithName("getControl")
            .WithSummary("Where every service's latest assessment stands on one control: the failing services first")
            .Produces<ControlCampaign>();
    }

    private static async Task<IResult> ServicesAsync(PortfolioStore store, ServerSettings settings, TimeProvider clock, string? owner, string? tier, int? trend, CancellationToken cancel)
    {
        if (tier is not null && Ids.Tier(tier) is null)
        {
            return Problems.Invalid("tier", $"unknown tier '{tier}'; expected critical, standard or experimental");
        }
        if (trend is < 1 or > MaxTrendPoints)
        {
            return Problems.Invalid("trend", $"{trend} points; ask for 1 to {MaxTrendPoints}");
        }
        var services = await store.ServicesAsync(owner, tier, trend ?? 12, cancel);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(services.Select(service => Item(service, settings, now)).ToList());
    }

    private static async Task<IResult> ServiceAsync(string name, PortfolioStore store, ServerSettings settings, TimeProvider clock, CancellationToken cancel)
    {
        var service = await store.ServiceAsync(name, cancel: cancel);
        var history = await store.HistoryAsync(name, cancel);
        return service is null || history is null
            ? Problems.NotFound($"no service named '{name}'")
            : TypedResults.Ok(new ServiceHistory(Item(service, settings, clock.GetUtcNow()), history));
    }

    private static async Task<IResult> ControlAsync(string id, PortfolioStore store, CancellationToken cancel)
    {
        var standings = await store.ControlAsync(id, cancel);
        return TypedResults.Ok(new ControlCampaign(id, standings.Count(standing => standing.Fails), standings));
    }

    private static ServiceItem Item(ServiceSummary service, ServerSettings settings, DateTimeOffset now) =>
        new(service.Name, service.Owner, service.Tier, service.Repo, service.Latest, service.Trend, service.IsStaleAt(now, settings.StaleAfter));
}
