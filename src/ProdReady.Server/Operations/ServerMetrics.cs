using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ProdReady.Server.Store;

namespace ProdReady.Server.Operations;

/// <summary>
/// The server's metrics, written in the Prometheus text exposition format 0.0.4 at /metrics: HTTP requests by
/// method, route template and status, request durations by route, ingests by outcome, the number of services,
/// webhook deliveries, and the process (uptime, memory, CPU, GC). Labels are bounded: routes are templates, never
/// raw paths, and unknown methods count as OTHER.
/// </summary>
public sealed class ServerMetrics(PortfolioStore store, TimeProvider clock)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Upper bounds in seconds: a health check takes a millisecond, a large ingest a second or more.</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly HashSet<string> KnownMethods = new(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"], StringComparer.Ordinal);

    private readonly ConcurrentDictionary<(string Method, string Route, int Status), Counter> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _durations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _ingests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _webhookDeliveries = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _started = clock.GetUtcNow();

    public void RequestCompleted(string method, string route, int status, TimeSpan duration)
    {
        var knownMethod = KnownMethods.Contains(method) ? method : "OTHER";
        _requests.GetOrAdd((knownMethod, route, status), _ => new Counter()).Add();
        _durations.GetOrAdd(route, _ => new Histogram()).Observe(duration.TotalSeconds);
    }

    /// <summary>An assessment push ended: stored, already_stored, invalid or failed.</summary>
    public void AssessmentIngested(string outcome) => _ingests.GetOrAdd(outcome, _ => new Counter()).Add();

    /// <summary>For the webhook sender: one delivery attempt ended (delivered, retrying, dead_lettered).</summary>
    public void WebhookDelivered(string outcome) => _webhookDeliveries.GetOrAdd(outcome, _ => new Counter()).Add();

    /// <summary>Every metric as the exposition format's text; the store is asked for the service count.</summary>
    public async Task<string> ExposeAsync(CancellationToken cancel)
    {
        long? services;
        try
        {
            services = await store.ServiceCountAsync(cancel);
        }
        catch (DbException)
        {
            services = null; // the readiness check reports the database; metrics still answer
        }
        var text = new StringBuilder();
        Family(text, "prodready_http_requests_total", "counter", "HTTP requests by method, route template and status code.");
        foreach (var ((method, route, status), counter) in _requests.OrderBy(entry => entry.Key.Route, StringComparer.Ordinal).ThenBy(entry => entry.Key.Method, StringComparer.Ordinal).ThenBy(entry => entry.Key.Status))
        {
            Sample(text, "prodready_http_requests_total", [("method", method), ("route", route), ("status", status.ToString(CultureInfo.InvariantCulture))], counter.Value);
        }
        Family(text, "prodready_http_request_duration_seconds", "histogram", "Time from a request's arrival to its response's end, by route template.");
        foreach (var (route, histogram) in _durations.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            histogram.WriteTo(text, "prodready_http_request_duration_seconds", route);
        }
        Family(text, "prodready_assessments_ingested_total", "counter", "Assessment pushes by outcome: stored, already_stored, invalid, failed.");
        WriteCounters(text, "prodready_assessments_ingested_total", "outcome", _ingests);
        Family(text, "prodready_webhook_deliveries_total", "counter", "Webhook delivery attempts by outcome.");
        WriteCounters(text, "prodready_webhook_deliveries_total", "outcome", _webhookDeliveries);
        Family(text, "prodready_store_up", "gauge", "1 when the database answered this scrape, else 0.");
        Sample(text, "prodready_store_up", [], services is null ? 0 : 1);
        if (services is { } count)
        {
            Family(text, "prodready_services", "gauge", "Services in the portfolio.");
            Sample(text, "prodready_services", [], count);
        }
        WriteProcess(text);
        return text.ToString();
    }

    private void WriteProcess(StringBuilder text)
    {
        using var process = Process.GetCurrentProcess();
        Family(text, "process_start_time_seconds", "gauge", "When the process started, in seconds since the Unix epoch.");
        Sample(text, "process_start_time_seconds", [], new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        Family(text, "prodready_uptime_seconds", "gauge", "Seconds since the server started.");
        Sample(text, "prodready_uptime_seconds", [], (clock.GetUtcNow() - _started).TotalSeconds);
        Family(text, "process_cpu_seconds_total", "counter", "CPU time the process used, user and system.");
        Sample(text, "process_cpu_seconds_total", [], process.TotalProcessorTime.TotalSeconds);
        Family(text, "process_resident_memory_bytes", "gauge", "Resident memory of the process.");
        Sample(text, "process_resident_memory_bytes", [], process.WorkingSet64);
        Family(text, "dotnet_gc_heap_bytes", "gauge", "Bytes allocated on the managed heap and still in use.");
        Sample(text, "dotnet_gc_heap_bytes", [], GC.GetTotalMemory(forceFullCollection: false));
        Family(text, "dotnet_gc_collections_total", "counter", "Garbage collections by generation.");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            Sample(text, "dotnet_gc_collections_total", [("generation", generation.ToString(CultureInfo.InvariantCulture))], GC.CollectionCount(generation));
        }
    }

    private static void WriteCounters(StringBuilder text, string name, string label, ConcurrentDictionary<string, Counter> counters)
    {
        foreach (var (value, counter) in counters.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            Sample(text, name, [(label, value)], counter.Value);
        }
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, IReadOnlyList<(string Name, string Value)> labels, double value)
    {
        text.Append(name);
        if (labels.Count > 0)
        {
            text.Append('{').AppendJoin(',', labels.Select(label => $"{label.Name}=\"{Escape(label.Value)}\"")).Append('}');
        }
        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Label values escape backslash, double quote and line feed (exposition format 0.0.4).</summary>
    internal static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add() => Interlocked.Increment(ref _value);
    }

    private sealed class Histogram
    {
        private readonly Lock _gate = new();
        private readonly long[] _buckets = new long[DurationBuckets.Count];
        private long _count;
        private double _sum;

        public void Observe(double seconds)
        {
            lock (_gate)
            {
                for (var i = 0; i < _buckets.Length; i++)
                {
                    if (seconds <= DurationBuckets[i])
                    {
                        _buckets[i]++;
                    }
                }
                _count++;
                _sum += seconds;
            }
        }

        public void WriteTo(StringBuilder text, string name, string route)
        {
            lock (_gate)
            {
                for (var i = 0; i < _buckets.Length; i++)
                {
                    Sample(text, name + "_bucket", [("route", route), ("le", Number(DurationBuckets[i]))], _buckets[i]);
                }
                Sample(text, name + "_bucket", [("route", route), ("le", "+Inf")], _count);
                Sample(text, name + "_sum", [("route", route)], _sum);
                Sample(text, name + "_count", [("route", route)], _count);
            }
        }
    }
}
