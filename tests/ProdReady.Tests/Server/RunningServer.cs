using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using ProdReady.Server;
using ProdReady.Server.Store;

namespace ProdReady.Tests.Server;

/// <summary>The real server on a free loopback port, over a store the test opened; stopped (gracefully) on dispose.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<RunningServer> StartAsync(PortfolioStore store, ServerSettings? settings = null, TimeProvider? clock = null)
    {
        var app = ServerApp.Build((settings ?? new ServerSettings()) with { Urls = "http://127.0.0.1:0" }, store, clock);
        await app.StartAsync();
        return new RunningServer(app, new Uri(app.Urls.Single()));
    }

    /// <summary>A client of the server, sending <paramref name="key"/> as a bearer key when given; redirects are not followed.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
