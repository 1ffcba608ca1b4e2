using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using ProdReady.Catalog.Detectors;
using ProdReady.Model;
using ProdReady.Scanning.Content;
using ProdReady.Scanning.Dockerfiles;
using ProdReady.Scanning.Manifests;
using ProdReady.Scanning.Structured;

namespace ProdReady.Scanning;

/// <summary>
/// The single pass over file contents: each file some detector needs is read once, decoded once, and every
/// analysis that wants it (content patterns, manifests, Dockerfiles, YAML/JSON queries) runs on that one copy.
/// </summary>
internal sealed class FileCollector(string root, ScanPlan plan, ScanOptions options)
{
    private const int BinarySniffLength = 8000;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Share of source files an ecosystem needs, without a manifest, to count as present.</summary>
    private const double MinimumSourceShare = 0.1;

    private readonly ContentTally _content = new(plan.Content.Detectors.Count);
    private readonly ConcurrentDictionary<QueryDetector, (ConcurrentBag<string> Documents, ConcurrentBag<QueryItem> Items)> _queries = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentBag<DeclaredDependency> _dependencies = [];
    private readonly ConcurrentBag<(string Ecosystem, string File)> _manifests = [];
    private readonly ConcurrentBag<DockerfileFacts> _dockerfiles = [];
    private readonly ConcurrentBag<Diagnostic> _diagnostics = [];
    private int _read;
    private int _tooLarge;
    private int _binary;
    private long _bytes;

    public IReadOnlyCollection<Diagnostic> Diagnostics => _diagnostics;

    public FactBase Collect(WalkResult walk, out ScanStatistics statistics, TimeSpan walkTime)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var done = 0;
        Parallel.ForEach(
            walk.Files,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) },
            () => new Worker(plan.Content),
            (file, _, worker) =>
            {
                Analyze(file, worker);
                var count = Interlocked.Increment(ref done);
                if (count % 256 == 0)
                {
                    options.Progress?.Invoke(count, walk.Files.Count);
                }
                return worker;
            },
            worker =>
            {
                lock (_content)
                {
                    _content.Add(worker.Content);
                }
            });
        options.Progress?.Invoke(walk.Files.Count, walk.Files.Count);
        foreach (var (detector, file) in _content.TimeOuts)
        {
            var pattern = plan.Content.Detectors[detector].Pattern;
            _diagnostics.Add(Diagnostic.Warning(file, 0, $"pattern /{pattern}/ timed out after {pattern.MatchTimeout.TotalSeconds:0.#} s; this file was not searched for it"));
        }

        statistics = new ScanStatistics
        {
            FilesSeen = walk.Files.Count,
            FilesRead = _read,
            SkippedTooLarge = _tooLarge,
            SkippedBinary = _binary,
            SkippedIgnored = walk.Ignored,
            BytesRead = _bytes,
            Elapsed = walkTime + started.Elapsed,
        };
        return BuildFacts(walk);
    }

    /// <summary>A worker's reusable buffers and its own tally: files are decoded without allocating, and never shared.</summary>
    private sealed class Worker(ContentSearch search)
    {
        public ContentTally Content { get; } = new(search.Detectors.Count);
        public LiteralMarks Literals { get; } = new(search.LiteralCount);
        public byte[] Bytes { get; set; } = [];
        public char[] Text { get; set; } = [];
        public char[] Blanked { get; set; } = [];
    }

    private void Analyze(RepoFile file, Worker worker)
    {
        var searched = plan.Content.Searches(file);
        var isManifest = ScanPlan.IsManifest(file);
        var isDockerfile = ScanPlan.IsDockerfile(file);
        var isStructured = plan.IsStructured(file);
        if (!searched && !isManifest && !isDockerfile && !isStructured)
        {
            return;
        }
        if (file.Size > options.MaxFileSize)
        {
            SkipTooLarge(file, file.Size, isManifest || isDockerfile);
            return;
        }
        if (Read(file, worker, isManifest || isDockerfile) is not { } length)
        {
            return;
        }
        var text = worker.Text.AsSpan(0, length);
        if (GeneratedRegions.MayHold(file, text))
        {
            GeneratedRegions.Blank(worker.Text.AsSpan(0, length));
        }
        if (searched)
        {
            worker.Blanked = Grown(worker.Blanked, length);
            plan.Content.Search(file, text, CommentStripper.Blank(text, file.Language, worker.Blanked), worker.Content, worker.Literals);
        }
        if (!isManifest && !isDockerfile && !isStructured)
        {
            return;
        }
        var whole = new string(text);
        if (isManifest)
        {
            var parsed = ManifestReader.Parse(file.Path, whole);
            foreach (var dependency in parsed.Dependencies)
            {
                _dependencies.Add(dependency);
            }
            foreach (var diagnostic in parsed.Diagnostics)
            {
                _diagnostics.Add(diagnostic);
            }
            if (ManifestEcosystem(file.Path, parsed) is { } ecosystem)
            {
                _manifests.Add((ecosystem, file.Path));
            }
        }
        if (isDockerfile)
        {
            var model = DockerfileParser.Parse(file.Path, whole);
            foreach (var diagnostic in model.Diagnostics)
            {
                _diagnostics.Add(diagnostic);
            }
            if (model.Stages.Count > 0)
            {
                _dockerfiles.Add(new DockerfileFacts(file.Path, model));
            }
        }
        if (isStructured)
        {
            Query(file, whole, reportErrors: !isManifest); // a broken manifest was already reported by its reader
        }
    }

    private void SkipTooLarge(RepoFile file, long size, bool warn)
    {
        Interlocked.Increment(ref _tooLarge);
        if (warn)
        {
            _diagnostics.Add(Diagnostic.Warning(file.Path, 0, $"skipped: {size:N0} bytes is over the size cap of {options.MaxFileSize:N0} (--max-file-size)"));
        }
    }

    /// <summary>
    /// Reads and decodes one file into the worker's buffers and returns its length in characters; null for binary,
    /// unreadable or (grown since the walk) oversized files. Invalid UTF-8 is reported and replaced.
    /// </summary>
    private int? Read(RepoFile file, Worker worker, bool warnTooLarge)
    {
        int length;
        try
        {
            using var handle = File.OpenHandle(Path.Combine(root, file.Path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var size = RandomAccess.GetLength(handle);
            if (size > options.MaxFileSize)
            {
                SkipTooLarge(file, size, warnTooLarge);
                return null;
            }
            worker.Bytes = Grown(worker.Bytes, (int)size);
            length = 0;
            int read;
            while (length < size && (read = RandomAccess.Read(handle, worker.Bytes.AsSpan(length, (int)size - length), length)) > 0)
            {
                length += read;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Add(Diagnostic.Warning(file.Path, 0, $"cannot read file, skipped: {e.Message}"));
            return null;
        }
        var bytes = worker.Bytes.AsSpan(0, length);
        if (bytes[..Math.Min(bytes.Length, BinarySniffLength)].Contains((byte)0))
        {
            Interlocked.Increment(ref _binary);
            return null;
        }
        Interlocked.Increment(ref _read);
        Interlocked.Add(ref _bytes, length);
        if (bytes.StartsWith(Utf8ByteOrderMark))
        {
            bytes = bytes[3..];
        }
        // UTF-16 never needs more characters than UTF-8 has bytes, even with every invalid byte replaced.
        worker.Text = Grown(worker.Text, bytes.Length);
        if (Utf8.ToUtf16(bytes, worker.Text, out var valid, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            return written;
        }
        var line = bytes[..valid].Count((byte)'\n') + 1;
        _diagnostics.Add(Diagnostic.Warning(file.Path, line, "invalid UTF-8; undecodable bytes were replaced and the file was still scanned"));
        return Encoding.UTF8.GetChars(bytes, worker.Text);
    }

    private static T[] Grown<T>(T[] buffer, int length) => buffer.Length >= length ? buffer : new T[Math.Max(length, 2 * buffer.Length)];

    private void Query(RepoFile file, string text, bool reportErrors)
    {
        var pathKind = DocumentKinds.OfPath(file.Path);
        var globbed = plan.Queries.Any(query => query.InGlob?.IsMatch(file.Path) == true);
        // Other YAML matters only as Kubernetes objects, which start lines with both keys; skip parsing the rest.
        if (pathKind is null && !globbed && !(StartsALine(text, "apiVersion:") && StartsALine(text, "kind:")))
        {
            return;
        }
        var (documents, error) = StructuredParser.Parse(file.Path, text);
        if (error is not null)
        {
            // Any YAML file might be Kubernetes; only complain about files that look like something we query.
            if (reportErrors && (pathKind is not null || globbed || LooksLikeKubernetes(text)))
            {
                _diagnostics.Add(error);
            }
            return;
        }
        foreach (var query in plan.Queries)
        {
            var targets = query.InGlob is not null
                ? (query.InGlob.IsMatch(file.Path) ? documents : [])
                : query.In == DocumentKinds.Kubernetes
                    ? (pathKind is null ? documents.Where(DocumentKinds.IsKubernetesObject).ToArray() : [])
                    : (pathKind == query.In ? documents : []);
            if (targets.Count == 0)
            {
                continue;
            }
            var slot = _queries.GetOrAdd(query, _ => ([], []));
            slot.Documents.Add(file.Path);
            try
            {
                foreach (var item in targets.SelectMany(document => QueryMatcher.Match(query, document, file.Path, text)).ToList())
                {
                    slot.Items.Add(item);
                }
            }
            catch (RegexMatchTimeoutException e)
            {
                _diagnostics.Add(Diagnostic.Warning(file.Path, 0, $"pattern /{e.Pattern}/ timed out after {e.MatchTimeout.TotalSeconds:0.#} s; this file was not queried with it"));
            }
        }
    }

    private static bool StartsALine(string text, string start) =>
        text.StartsWith(start, StringComparison.Ordinal) || text.Contains("\n" + start, StringComparison.Ordinal);

    private static bool LooksLikeKubernetes(string text) =>
        text.Contains("apiVersion:", StringComparison.Ordinal) && text.Contains("kind:", StringComparison.Ordinal) && !text.Contains("{{", StringComparison.Ordinal);

    /// <summary>The ecosystem a manifest belongs to, even when it declares nothing.</summary>
    private static string? ManifestEcosystem(string path, ManifestParseResult parsed)
    {
        if (parsed.Dependencies.Count > 0)
        {
            return parsed.Dependencies[0].Ecosystem;
        }
        var name = Path.GetFileName(path).ToLowerInvariant();
        return name switch
        {
            "package.json" => Ecosystem.Node,
            "pyproject.toml" or "pipfile" => Ecosystem.Python,
            "go.mod" => Ecosystem.Go,
            "pom.xml" => Ecosystem.Java,
            _ when name.StartsWith("build.gradle", StringComparison.Ordinal) || name.EndsWith(".versions.toml", StringComparison.Ordinal) => Ecosystem.Java,
            _ when name.EndsWith(".txt", StringComparison.Ordinal) => Ecosystem.Python,
            _ => Ecosystem.DotNet,
        };
    }

    private FactBase BuildFacts(WalkResult walk)
    {
        // An ecosystem is present when it has a manifest or a real share of the source files: one k6 script
        // in a Go service does not make it a Node service.
        var sourceFiles = walk.Files.Select(file => Languages.EcosystemOf(file.Language)).OfType<string>().ToList();
        var ecosystems = sourceFiles
            .GroupBy(ecosystem => ecosystem)
            .Where(group => group.Count() >= MinimumSourceShare * sourceFiles.Count)
            .Select(group => group.Key)
            .Concat(_manifests.Select(manifest => manifest.Ecosystem))
            .ToHashSet(StringComparer.Ordinal);
        return new FactBase
        {
            Root = root,
            Files = walk.Files,
            Directories = walk.Directories,
            Dependencies = [.. _dependencies.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line)],
            Manifests = _manifests
                .GroupBy(manifest => manifest.Ecosystem)
                .ToDictionary(group => group.Key, group => (IReadOnlyList<string>)[.. ManifestReader.WhereDependenciesBelong(group.Select(m => m.File))]),
            Content = plan.Content.Detectors
                .Select((detector, i) => (detector, i))
                .ToDictionary(pair => pair.detector, pair => _content.FactsOf(pair.i), ReferenceEqualityComparer.Instance as IEqualityComparer<ContentDetector>),
            Queries = _queries.ToDictionary(
                pair => pair.Key,
                pair => new QueryFacts(
                    [.. pair.Value.Documents.Order(StringComparer.Ordinal)],
                    [.. pair.Value.Items.OrderBy(item => item.File, StringComparer.Ordinal).ThenBy(item => item.Line)]),
                ReferenceEqualityComparer.Instance as IEqualityComparer<QueryDetector>),
            Dockerfiles = [.. _dockerfiles.OrderBy(d => d.File, StringComparer.Ordinal)],
            Ecosystems = ecosystems,
        };
    }
}
