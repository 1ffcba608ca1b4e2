using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ProdReady.Server.Dashboard;

/// <summary>The dashboard's pages, outside /api/v1 and outside the OpenAPI document.</summary>
public static class DashboardEndpoints
{
    /// <summary>What the pages need: sessions, antiforgery and the portfolio's cache.</summary>
    public static void Add(WebApplicationBuilder builder, ServerSettings settings)
    {
        DashboardSession.Add(builder, settings);
        builder.Services.AddSingleton<PortfolioCache>();
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", PortfolioPage.RenderAsync).RequireAuthorization(DashboardSession.ReadPolicy);
        pages.MapGet("/services/{name}", ServicePage.RenderAsync).RequireAuthorization(DashboardSession.ReadPolicy);
        pages.MapGet("/controls/{id}", ControlPage.RenderAsync).RequireAuthorization(DashboardSession.ReadPolicy);
        pages.MapGet(DashboardSession.SignInPath, SignInPage.Show).AllowAnonymous();
        pages.MapPost(DashboardSession.SignInPath, SignInPage.SubmitAsync).AllowAnonymous();
        pages.MapPost("/signout", (Delegate)SignInPage.SignOutAsync).RequireAuthorization(DashboardSession.ReadPolicy);
        pages.MapGet(DeadLettersPage.Path, DeadLettersPage.RenderAsync).RequireAuthorization(DashboardSession.AdminPolicy);
        pages.MapPost(DeadLettersPage.Path + "/{id:long}/resend", DeadLettersPage.ResendAsync).RequireAuthorization(DashboardSession.AdminPolicy);
    }
}
