using System.Collections.Concurrent;
using System.Text;
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

    /// <summary>Share of source files an ecosystem needs, without a manifest, to count as present.</summary>
    private const double MinimumSourceShare = 0.1;

    private readonly ConcurrentDictionary<ContentDetector, ConcurrentBag<ContentHit>> _hits = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<ContentDetector, int> _searched = new(ReferenceEqualityComparer.Instance);
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
            file =>
            {
                Analyze(file);
                var count = Interlocked.Increment(ref done);
                if (count % 256 == 0)
                {
                    options.Progress?.Invoke(count, walk.Files.Count);
                }
            });
        options.Progress?.Invoke(walk.Files.Count, walk.Files.Count);

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

    private void Analyze(RepoFile file)
    {
        var content = plan.ContentFor(file);
        var isManifest = ScanPlan.IsManifest(file);
        var isDockerfile = ScanPlan.IsDockerfile(file);
        var isStructured = plan.IsStructured(file);
        if (content.Count == 0 && !isManifest && !isDockerfile && !isStructured)
        {
            return;
        }
        if (file.Size > options.MaxFileSize)
        {
            Interlocked.Increment(ref _tooLarge);
            if (isManifest || isDockerfile)
            {
                _diagnostics.Add(Diagnostic.Warning(file.Path, 0, $"skipped: {file.Size:N0} bytes is over the size cap of {options.MaxFileSize:N0} (--max-file-size)"));
            }
            return;
        }
        var text = Read(file);
        if (text is null)
        {
            return;
        }
        if (content.Count > 0)
        {
            MatchContent(file, text, content);
        }
        if (isManifest)
        {
            var parsed = ManifestReader.Parse(file.Path, text);
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
            var model = DockerfileParser.Parse(file.Path, text);
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
            Query(file, text, reportErrors: !isManifest); // a broken manifest was already reported by its reader
        }
    }

    /// <summary>Reads and decodes one file; binary files are skipped, invalid UTF-8 is reported and replaced.</summary>
    private string? Read(RepoFile file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path.Combine(root, file.Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Add(Diagnostic.Warning(file.Path, 0, $"cannot read file, skipped: {e.Message}"));
            return null;
        }
        if (bytes.AsSpan(0, Math.Min(bytes.Length, BinarySniffLength)).Contains((byte)0))
        {
            Interlocked.Increment(ref _binary);
            return null;
        }
        Interlocked.Increment(ref _read);
        Interlocked.Add(ref _bytes, bytes.Length);
        var span = bytes.AsSpan();
        if (span.StartsWith("\xEF\xBB\xBF"u8))
        {
            span = span[3..];
        }
        if (!Utf8.IsValid(span))
        {
            var valid = InvalidUtf8Offset(span);
            var line = span[..valid].Count((byte)'\n') + 1;
            _diagnostics.Add(Diagnostic.Warning(file.Path, line, "invalid UTF-8; undecodable bytes were replaced and the file was still scanned"));
        }
        return Encoding.UTF8.GetString(span);
    }

    private static int InvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        Span<char> buffer = stackalloc char[1024];
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = Utf8.ToUtf16(bytes[offset..], buffer, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            offset += read;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall)
            {
                break;
            }
        }
        return offset;
    }

    private void MatchContent(RepoFile file, string text, List<ContentDetector> detectors)
    {
        var blanked = CommentStripper.Blank(text, file.Language);
        foreach (var detector in detectors)
        {
            _searched.AddOrUpdate(detector, 1, (_, count) => count + 1);
            var match = detector.Pattern.Match(blanked);
            while (match.Success && detector.Unless?.IsMatch(match.Value) == true)
            {
                match = match.NextMatch();
            }
            if (match.Success)
            {
                var line = TextLines.LineOf(blanked, match.Index);
                _hits.GetOrAdd(detector, _ => []).Add(new ContentHit(file.Path, line, TextLines.Excerpt(text, line)));
            }
        }
    }

    private void Query(RepoFile file, string text, bool reportErrors)
    {
        var (documents, error) = StructuredParser.Parse(file.Path, text);
        var pathKind = DocumentKinds.OfPath(file.Path);
        if (error is not null)
        {
            // Any YAML file might be Kubernetes; only complain about files that look like something we query.
            if (reportErrors && (pathKind is not null || plan.Queries.Any(query => query.InGlob?.IsMatch(file.Path) == true) || LooksLikeKubernetes(text)))
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
            foreach (var document in targets)
            {
                foreach (var item in QueryMatcher.Match(query, document, file.Path, text))
                {
                    slot.Items.Add(item);
                }
            }
        }
    }

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
            _ when name.StartsWith("build.gradle", StringComparison.Ordinal) => Ecosystem.Java,
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
                .ToDictionary(group => group.Key, group => (IReadOnlyList<string>)[.. group.Select(m => m.File).Order(StringComparer.Ordinal)]),
            ContentHits = _hits.ToDictionary(
                pair => pair.Key,
                pair => (IReadOnlyList<ContentHit>)[.. pair.Value.OrderBy(hit => hit.File, StringComparer.Ordinal)],
                ReferenceEqualityComparer.Instance as IEqualityComparer<ContentDetector>),
            ContentSearched = _searched.ToDictionary(pair => pair.Key, pair => pair.Value, ReferenceEqualityComparer.Instance as IEqualityComparer<ContentDetector>),
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
