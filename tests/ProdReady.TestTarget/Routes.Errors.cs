using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ProdReady.TestTarget;

/// <summary>Error answers in each style: ASP.NET's real middleware for .NET, recorded-style bodies for the other stacks.</summary>
internal static partial class Routes
{
    /// <summary>The answers another stack gives: to an unknown path, to bad percent-encoding (null: same as unknown), to broken JSON.</summary>
    private sealed record Foreign(Func<HttpContext, IResult> NotFound, IResult? BadEncoding, IResult BrokenJson);

    public static void AddErrorServices(IServiceCollection services, TargetBehaviour behaviour)
    {
        if (behaviour.Errors is ErrorStyle.ProblemDetails or ErrorStyle.ProblemDetailsAfterCrash)
        {
            services.AddProblemDetails();
        }
    }

    public static void MapErrors(WebApplication app, TargetBehaviour behaviour)
    {
        switch (behaviour.Errors)
        {
            case ErrorStyle.ProblemDetails:
                app.UseExceptionHandler();
                app.UseStatusCodePages();
                app.MapPost("/", (OrderInput order) => Results.Json(order));
                break;
            case ErrorStyle.ProblemDetailsAfterCrash:
                app.UseExceptionHandler();
                app.UseStatusCodePages();
                app.MapPost("/", ParseByHand);
                break;
            case ErrorStyle.DeveloperExceptionPage:
                app.UseDeveloperExceptionPage();
                app.MapPost("/", ParseByHand);
                break;
            case ErrorStyle.DjangoDebug:
                MapForeign(app, new Foreign(DjangoNotFound, Results.Content(DjangoTraceback, "text/html; charset=utf-8", statusCode: 500),
                    Results.Json(new { detail = "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)" }, statusCode: 400)));
                break;
            case ErrorStyle.ExpressDevelopment:
                MapForeign(app, new Foreign(ExpressNotFound, null, Results.Content(ExpressPage(ExpressBodyParserStack), "text/html; charset=utf-8", statusCode: 400)));
                break;
            case ErrorStyle.SpringTrace:
                MapForeign(app, new Foreign(context => SpringError(404, "Not Found", context.Request.Path, trace: null),
                    SpringError(400, "Bad Request", "/", trace: null), SpringError(400, "Bad Request", "/", SpringJacksonTrace)));
                break;
            case ErrorStyle.PlainText:
                MapForeign(app, new Foreign(_ => Results.Text("Not Found", "text/plain", statusCode: 404), null, Results.Text("Bad Request", "text/plain", statusCode: 400)));
                break;
        }
    }

    public sealed record OrderInput(string Sku, int Quantity);

    /// <summary>JSON read without a binder or a try: a broken body throws JsonException.</summary>
    private static async Task<IResult> ParseByHand(HttpRequest request)
    {
        using var document = await JsonDocument.ParseAsync(request.Body);
        return Results.Json(new { received = document.RootElement.ValueKind.ToString() });
    }

    private static void MapForeign(WebApplication app, Foreign answers)
    {
        if (answers.BadEncoding is { } badEncoding)
        {
            app.Use(async (context, next) =>
            {
                if (HasMalformedEscape(context.Features.Get<IHttpRequestFeature>()!.RawTarget))
                {
                    await badEncoding.ExecuteAsync(context);
                    return;
                }
                await next(context);
            });
        }
        app.MapFallback(answers.NotFound);
        app.MapPost("/", async (HttpRequest request) =>
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body);
                return Results.NoContent();
            }
            catch (JsonException)
            {
                return answers.BrokenJson;
            }
        });
    }

    /// <summary>A '%' not followed by two hex digits, as the request line carried it (System.Uri would have escaped it).</summary>
    private static bool HasMalformedEscape(string rawTarget) =>
        rawTarget.Split('%').Skip(1).Any(part => part.Length < 2 || !Uri.IsHexDigit(part[0]) || !Uri.IsHexDigit(part[1]));

    private static IResult DjangoNotFound(HttpContext context) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="en">
        <head><title>Page not found at {WebUtility.HtmlEncode(context.Request.Path)}</title></head>
        <body>
          <div id="summary"><h1>Page not found <span>(404)</span></h1></div>
          <div id="info">
            <p>Using the URLconf defined in <code>orders.urls</code>, Django tried these URL patterns, in this order:</p>
            <ol><li>admin/</li><li>api/orders/</li></ol>
          </div>
          <div id="explanation">
            <p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file. Change that to <code>False</code>, and Django will display a standard 404 page.</p>
          </div>
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: 404);

    private const string DjangoTraceback = """
        <!DOCTYPE html>
        <html lang="en">
        <head><title>UnicodeDecodeError at /</title></head>
        <body>
          <div id="summary"><h1>UnicodeDecodeError at /</h1><pre class="exception_value">&#x27;utf-8&#x27; codec can&#x27;t decode byte 0xe0 in position 0: invalid continuation byte</pre></div>
          <div id="traceback"><textarea id="traceback_area">Environment:
        Request Method: GET
        Django Version: 5.0.6

        Traceback (most recent call last):
          File &quot;/usr/local/lib/python3.12/site-packages/django/core/handlers/exception.py&quot;, line 55, in inner
            response = get_response(request)
          File &quot;/app/orders/middleware.py&quot;, line 18, in __call__
            path = unquote_to_bytes(request.META[&quot;RAW_URI&quot;]).decode(&quot;utf-8&quot;)

        Exception Type: UnicodeDecodeError at /
        Exception Value: &#x27;utf-8&#x27; codec can&#x27;t decode byte 0xe0 in position 0: invalid continuation byte</textarea></div>
        </body>
        </html>
        """;

    private static IResult ExpressNotFound(HttpContext context) =>
        Results.Content(ExpressPage($"Cannot {context.Request.Method} {WebUtility.HtmlEncode(context.Request.Path)}"), "text/html; charset=utf-8", statusCode: 404);

    /// <summary>Express's finalhandler page: the message (or stack outside production) in a pre, lines joined by br and nbsp.</summary>
    private static string ExpressPage(string pre) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Error</title>
        </head>
        <body>
        <pre>{pre}</pre>
        </body>
        </html>

        """;

    private const string ExpressBodyParserStack = "SyntaxError: Unterminated string in JSON at position 2<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)"
        + "<br> &nbsp; &nbsp;at parse (/app/node_modules/body-parser/lib/types/json.js:92:19)"
        + "<br> &nbsp; &nbsp;at /app/node_modules/body-parser/lib/read.js:128:18";

    /// <summary>Spring Boot's error JSON; with include-stacktrace=always it carries the trace.</summary>
    private static IResult SpringError(int status, string error, string path, string? trace)
    {
        var body = new Dictionary<string, object> { ["timestamp"] = "2025-05-01T10:00:00.000+00:00", ["status"] = status, ["error"] = error };
        if (trace is not null)
        {
            (body["trace"], body["message"]) = (trace, "JSON parse error");
        }
        body["path"] = path;
        return Results.Json(body, statusCode: status);
    }

    private const string SpringJacksonTrace = "org.springframework.http.converter.HttpMessageNotReadableException: JSON parse error: Unexpected end-of-input in field name\n"
        + "\tat org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter.readJavaType(AbstractJackson2HttpMessageConverter.java:406)\n"
        + "\tat org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor.readWithMessageConverters(RequestResponseBodyMethodProcessor.java:163)\n";
}
