namespace ProdReady.Probing;

public sealed partial class ProbeClient
{
    private static string[] SetCookiesOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];
}
