using System.Text;

namespace ProdReady.Probing;

public sealed partial class ProbeClient
{
    /// <summary>The exchange as far as the request goes: what was sent, including the body and its content type.</summary>
    private static ProbeExchange Evidence(ProbeRequest request, Uri url) => new()
    {
        Method = request.Method,
        Url = url,
        RequestHeaders = request.Body is null ? request.Headers
            : new Dictionary<string, string>(request.Headers) { ["Content-Type"] = request.ContentType ?? "application/octet-stream" },
        RequestBody = request.Body,
    };

    /// <summary>The path exactly as written, for requests that must put malformed escapes on the wire.</summary>
    private Uri RawUrl(string path) =>
        new(Target.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    private static void AttachBody(HttpRequestMessage message, ProbeRequest request)
    {
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, request.ContentType ?? "application/octet-stream");
        }
    }
}
