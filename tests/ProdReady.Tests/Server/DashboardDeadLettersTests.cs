using System.Net;
using ProdReady.Model;
using ProdReady.Server;
using ProdReady.Server.Auth;
using ProdReady.Server.Store;
using ProdReady.Server.Webhooks;

namespace ProdReady.Tests.Server;

/// <summary>Webhook dead letters in the dashboard: shown to an admin session only, sent again from the page's form.</summary>
public sealed class DashboardDeadLettersTests : StoreTests
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult(StoreDatabase.SqliteIn(Temp));

    [Fact]
    public async Task AnAdminSeesDeadLettersAndSendsOneAgainAReaderCannot()
    {
        await using var receiver = WebhookReceiver.Start();
        receiver.Respond(500, 200);
        var store = await Open();
        var settings = new ServerSettings { Webhooks = new WebhookOptions { Urls = [receiver.Url + "/hooks"], Secret = "a-secret-of-some-length", MaxAttempts = 1 } };
        await using var server = await RunningServer.StartAsync(store, settings);
        await ServerScans.IngestAsync(store, "orders<b>", "team-a", ServiceTier.Standard, ServerScans.Status(History.Scans.Sample, ServerScans.NodeControl, ResultStatus.Fail));
        await WaitFor(async () => (await store.DeadLettersAsync()).Count == 1);
        var id = (await store.DeadLettersAsync()).Single().Id;

        using var reader = DashboardForms.Browser(server, new CookieContainer());
        await DashboardForms.SignInAsync(reader, await DashboardForms.KeyAsync(store, "reader", KeyScopes.Read));
        using var readerPage = await reader.GetAsync("/webhooks/dead-letters");
        Assert.Equal((HttpStatusCode.Redirect, "/signin"), (readerPage.StatusCode, readerPage.Headers.Location!.AbsolutePath));
        Assert.DoesNotContain("/webhooks/dead-letters", await reader.GetStringAsync("/"), StringComparison.Ordinal);

        using var admin = DashboardForms.Browser(server, new CookieContainer());
        await DashboardForms.SignInAsync(admin, await DashboardForms.KeyAsync(store, "operator", KeyScopes.Admin));
        Assert.Contains("href=\"/webhooks/dead-letters\"", await admin.GetStringAsync("/"), StringComparison.Ordinal);
        var page = await admin.GetStringAsync("/webhooks/dead-letters");
        Assert.Contains($"<tr data-delivery=\"{id}\"><th scope=\"row\">{id}</th>", page, StringComparison.Ordinal);
        Assert.Contains("orders&lt;b&gt;</a></td><td>p0.failing</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<td><code>{receiver.Url}/hooks</code></td><td>1</td><td>HTTP 500</td>", page, StringComparison.Ordinal);

        using var forged = await admin.PostAsync($"/webhooks/dead-letters/{id}/resend", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var token = await DashboardForms.FormTokenAsync(admin, "/webhooks/dead-letters");
        using var resent = await admin.PostAsync($"/webhooks/dead-letters/{id}/resend", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal((HttpStatusCode.Redirect, $"/webhooks/dead-letters?resent={id}"), (resent.StatusCode, resent.Headers.Location!.OriginalString));
        Assert.Contains($"Delivery {id} is queued again", await admin.GetStringAsync(resent.Headers.Location!.OriginalString), StringComparison.Ordinal);
        await WaitFor(() => Task.FromResult(receiver.Requests.Count == 2));
        Assert.Equal(receiver.Requests[0].Body, receiver.Requests[1].Body);
        Assert.Contains("No delivery has given up", await admin.GetStringAsync("/webhooks/dead-letters"), StringComparison.Ordinal);
    }

    /// <summary>Polls until <paramref name="done"/>: the server's delivery loop runs every 2 s.</summary>
    private static async Task WaitFor(Func<Task<bool>> done)
    {
        for (var attempt = 0; attempt < 150 && !await done(); attempt++)
        {
            await Task.Delay(200);
        }
    }
}
