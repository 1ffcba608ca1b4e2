using System.Text.Json;
using ProdReady.Probing;
using ProdReady.Probing.Probes;
using ProdReady.Reporting;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

public class ErrorsProbeTests
{
    [Theory]
    [InlineData(ErrorStyle.ProblemDetails, "errors.stack-trace Pass", "errors.status Pass", "errors.structured Pass")]
    [InlineData(ErrorStyle.ProblemDetailsAfterCrash, "errors.stack-trace Pass", "errors.status Fail", "errors.structured Pass")]
    [InlineData(ErrorStyle.Default, "errors.stack-trace Pass", "errors.status Pass", "errors.structured Warn")]
    [InlineData(ErrorStyle.PlainText, "errors.stack-trace Pass", "errors.status Pass", "errors.structured Warn")]
    [InlineData(ErrorStyle.DeveloperExceptionPage, "errors.stack-trace Fail", "errors.status Fail", "errors.structured Warn")]
    [InlineData(ErrorStyle.ExpressDevelopment, "errors.stack-trace Fail", "errors.status Pass", "errors.structured Warn")]
    [InlineData(ErrorStyle.SpringTrace, "errors.stack-trace Fail", "errors.status Pass", "errors.structured Pass")]
    public async Task EachErrorStyleIsJudgedOnItsThreeMalformedRequests(ErrorStyle style, string stackTrace, string status, string structured)
    {
        var report = await Probe(new TargetBehaviour { Errors = style }, new ErrorsProbe());

        Assert.Equal([stackTrace, status, structured], Verdicts(report));
        Assert.Equal(3 + 3, report.RequestsSent); // the root and the two baseline paths, then the probe's three
    }

    [Fact]
    public async Task ProblemDetailsErrorsPassWithTheStandardNamed()
    {
        var report = await Probe(new TargetBehaviour { Errors = ErrorStyle.ProblemDetails }, new ErrorsProbe());

        Assert.Equal("errors are application/problem+json (RFC 9457)", Single(report, "errors.structured").Message);
        Assert.Equal("no malformed request got a 5xx (answers: 404, 404, 400)", Single(report, "errors.status").Message);
        Assert.Equal("no stack trace or framework internals in 3 answers to malformed input", Single(report, "errors.stack-trace").Message);
    }

    [Fact]
    public async Task TheDeveloperExceptionPageLeaksTheExceptionAndA500ForBrokenJsonFails()
    {
        var report = await Probe(new TargetBehaviour { Errors = ErrorStyle.DeveloperExceptionPage }, new ErrorsProbe());

        var leak = Single(report, "errors.stack-trace");
        Assert.Equal(ProdReady.Model.Priority.P1, leak.Severity);
        Assert.Equal("a broken JSON body got 500 with a .NET stack trace or exception: file paths, frameworks and versions are a map for the next attack", leak.Message);
        Assert.Equal("System.Text.Json.JsonReaderException: Expected end of string, but instead reached end of data. LineNumber: 0 | BytePositionInLine: 2.", leak.Excerpt);
        Assert.StartsWith("POST / [Content-Type: application/json] [body: {\"] → 500", leak.Exchanges[0].Summary);
        Assert.Equal("a broken JSON body got 500: malformed input reaches code that throws; a client mistake must be a 4xx", Single(report, "errors.status").Message);
    }

    [Fact]
    public async Task BadPercentEncodingGoesOnTheWireAsWrittenAndDjangoDebugLeaksTwice()
    {
        var report = await Probe(new TargetBehaviour { Errors = ErrorStyle.DjangoDebug }, new ErrorsProbe());

        var leaks = report.Findings.Where(f => f.ProbeId == "errors.stack-trace").ToList();
        Assert.Equal(
            ["an unknown path got 404 with a Python traceback or debug page: file paths, frameworks and versions are a map for the next attack",
             "bad percent-encoding got 500 with a Python traceback or debug page: file paths, frameworks and versions are a map for the next attack"],
            leaks.Select(f => f.Message));
        Assert.Equal("You’re seeing this error because you have DEBUG = True in your Django settings file. Change that to False, and Django will display a standard 404 page.", leaks[0].Excerpt);
        // The target answers 500 only when the request line holds a '%' without two hex digits: System.Uri would have sent %25.
        Assert.Equal("Traceback (most recent call last):", leaks[1].Excerpt);
        Assert.Equal("/%E0%A4%A", leaks[1].Exchanges[0].Url.PathAndQuery);
        Assert.Equal("bad percent-encoding got 500: malformed input reaches code that throws; a client mistake must be a 4xx", Single(report, "errors.status").Message);
    }

    [Fact]
    public async Task ExpressBodyParserStackIsFoundThroughItsHtmlEscaping()
    {
        var report = await Probe(new TargetBehaviour { Errors = ErrorStyle.ExpressDevelopment }, new ErrorsProbe());

        var leak = Single(report, "errors.stack-trace");
        Assert.Equal("a broken JSON body got 400 with a Node.js stack trace or parser error: file paths, frameworks and versions are a map for the next attack", leak.Message);
        Assert.Equal("SyntaxError: Unterminated string in JSON at position 2", leak.Excerpt);
        Assert.Equal("the API answers JSON but these errors are not: 404 text/html, 400 text/html; clients cannot parse them (use application/problem+json)",
            Single(report, "errors.structured").Message);
    }

    [Fact]
    public async Task ASpringTraceInsideJsonIsALeakEvenThoughTheErrorsAreConsistentJson()
    {
        var report = await Probe(new TargetBehaviour { Errors = ErrorStyle.SpringTrace }, new ErrorsProbe());

        var leak = Single(report, "errors.stack-trace");
        Assert.Equal("a broken JSON body got 400 with a Java stack trace or exception: file paths, frameworks and versions are a map for the next attack", leak.Message);
        Assert.Equal("org.springframework.http.converter.HttpMessageNotReadableException: JSON parse error: Unexpected end-of-input in field name", leak.Excerpt);
        Assert.Equal("errors are consistent JSON (application/problem+json would make them standard)", Single(report, "errors.structured").Message);
    }

    [Fact]
    public async Task PlainTextAndEmptyErrorsFromAJsonApiWarnWithTheirShape()
    {
        var plain = await Probe(new TargetBehaviour { Errors = ErrorStyle.PlainText }, new ErrorsProbe());
        var empty = await Probe(new TargetBehaviour(), new ErrorsProbe());

        var finding = Single(plain, "errors.structured");
        Assert.Equal("the API answers JSON but these errors are not: 404 text/plain, 400 text/plain; clients cannot parse them (use application/problem+json)", finding.Message);
        Assert.Equal("Content-Type: text/plain", finding.Excerpt);
        Assert.Equal("the API answers JSON but these errors are not: 404 with an empty body, 405 with an empty body; clients cannot parse them (use application/problem+json)",
            Single(empty, "errors.structured").Message);
    }

    [Fact]
    public async Task AnHtmlSiteOrACatchAllServerIsNotJudgedOnErrorShape()
    {
        var site = await Probe(new TargetBehaviour { HtmlRoot = true }, new ErrorsProbe());
        var catchAll = await Probe(new TargetBehaviour { CatchAll = true }, new ErrorsProbe());

        Assert.Equal(["errors.stack-trace Pass", "errors.status Pass", "errors.structured Inconclusive"], Verdicts(site));
        Assert.Equal("the target does not answer JSON, so its errors are not judged as an API's", Single(site, "errors.structured").Message);
        Assert.Equal(["errors.stack-trace Pass", "errors.status Pass", "errors.structured Inconclusive"], Verdicts(catchAll));
        Assert.Equal("no malformed request got an error status, so there is no error shape to judge", Single(catchAll, "errors.structured").Message);
    }

    [Fact]
    public async Task TheJsonReportShowsTheBodyThePostSent()
    {
        var report = await Probe(new TargetBehaviour { Errors = ErrorStyle.ProblemDetails }, new ErrorsProbe());

        using var json = JsonDocument.Parse(ProbeJson.Render(report));
        var status = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("probe").GetString() == "errors.status");
        var post = status.GetProperty("requests")[2];
        Assert.Equal(("POST", "application/json", "{\"", 400),
            (post.GetProperty("method").GetString(), post.GetProperty("headers").GetProperty("Content-Type").GetString(), post.GetProperty("body").GetString(), post.GetProperty("status").GetInt32()));
    }

    [Theory]
    [InlineData("goroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d", "Go panic", "goroutine 1 [running]:")]
    [InlineData("panic: runtime error: invalid memory address or nil pointer dereference", "Go panic", "panic: runtime error: invalid memory address or nil pointer dereference")]
    [InlineData("Fatal error: Uncaught Error: Call to undefined function db() in /var/www/html/index.php:3", "PHP error with its file and line", "Fatal error: Uncaught Error: Call to undefined function db() in /var/www/html/index.php:3")]
    [InlineData("Stack trace:\n#0 /var/www/html/api.php(14): load()\n#1 {main}", "PHP error with its file and line", "#0 /var/www/html/api.php(14): load()")]
    [InlineData("/app/app/controllers/orders_controller.rb:12:in `create'", "Ruby backtrace", "/app/app/controllers/orders_controller.rb:12:in `create'")]
    [InlineData("<title>TypeError // Werkzeug Debugger</title>", "Python traceback or debug page", "<title>TypeError // Werkzeug Debugger</title>")]
    [InlineData("  File \"/app/main.py\", line 8, in create_order", "Python traceback or debug page", "File \"/app/main.py\", line 8, in create_order")]
    [InlineData("TypeError: x is undefined\n    at Object.<anonymous> (/app/index.js:3:9)", "Node.js stack trace or parser error", "at Object.<anonymous> (/app/index.js:3:9)")]
    [InlineData("    at processTicksAndRejections (node:internal/process/task_queues:95:5)\n    at handle (/app/node_modules/express/lib/router/layer.js:95:5)", "Node.js stack trace or parser error", "at handle (/app/node_modules/express/lib/router/layer.js:95:5)")]
    [InlineData("\tat java.base/java.lang.Thread.run(Thread.java:1583)", "Java stack trace or exception", "at java.base/java.lang.Thread.run(Thread.java:1583)")]
    [InlineData("There was an unexpected error (type=Internal Server Error, status=500).\njava.lang.NullPointerException: order is null", "Java stack trace or exception", "java.lang.NullPointerException: order is null")]
    [InlineData("   at Microsoft.AspNetCore.Routing.EndpointMiddleware.Invoke(HttpContext httpContext)", ".NET stack trace or exception", "at Microsoft.AspNetCore.Routing.EndpointMiddleware.Invoke(HttpContext httpContext)")]
    [InlineData("   at Orders.Api.OrdersController.Create(Order order) in /src/Orders.Api/OrdersController.cs:line 42", ".NET stack trace or exception", "at Orders.Api.OrdersController.Create(Order order) in /src/Orders.Api/OrdersController.cs:line 42")]
    [InlineData("<h2><i>Server Error in '/' Application.</i></h2>", ".NET stack trace or exception", "<h2><i>Server Error in '/' Application.</i></h2>")]
    public void EachStacksSignatureIsRecognisedWithItsLine(string body, string stack, string excerpt)
    {
        var leak = ErrorsProbe.Leak().Match(body);

        Assert.True(leak.Success);
        Assert.Equal((stack, excerpt), (ErrorsProbe.Stack(leak), Redaction.LineAt(body, leak.Index)));
    }

    [Theory]
    [InlineData("{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.5\",\"title\":\"Not Found\",\"status\":404,\"traceId\":\"00-4bf92f35-01\"}")]
    [InlineData("<html><body><h1>404</h1><p>We looked at System. Nothing here; don't panic: try the home page.</p></body></html>")]
    [InlineData("{\"error\":\"invalid_json\",\"message\":\"The request body is not valid JSON.\"}")]
    public void OrdinaryErrorBodiesAreNotLeaks(string body) => Assert.False(ErrorsProbe.Leak().Match(body).Success);
}
