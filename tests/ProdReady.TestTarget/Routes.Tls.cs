using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ProdReady.TestTarget;

internal static partial class Routes
{
    /// <summary>Requests on the plain http listener: redirected to the https listener, or served as they are.</summary>
    public static void MapTls(WebApplication app, TargetBehaviour behaviour)
    {
        if (behaviour.PlainHttp is PlainHttpStyle.None or PlainHttpStyle.Serve)
        {
            return;
        }
        app.Use(async (context, next) =>
        {
            if (context.Connection.LocalPort != behaviour.PlainHttpPort)
            {
                await next(context);
                return;
            }
            var https = new Uri(context.RequestServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var location = $"https://{context.Request.Host.Host}:{https.Port}{context.Request.Path}";
            context.Response.StatusCode = behaviour.PlainHttp == PlainHttpStyle.Redirect301 ? StatusCodes.Status301MovedPermanently : StatusCodes.Status302Found;
            context.Response.Headers.Location = location;
        });
    }
}
