using ProdReady.Scanning.Evaluation;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Scanning;

/// <summary>Each detector kind and combinator, evaluated on real folders.</summary>
public class DetectorKindTests
{
    [Fact]
    public void FileDetectorFindsFilesAndFoldersByGlob()
    {
        using var repo = new TempRepo(("docs/ops/runbook-payments.md", "# Runbook"), ("migrations/001.sql", "create table t(id int);"));

        var runbook = Rules.Evaluate("file: { glob: ['RUNBOOK.md', 'docs/**/runbook*.md'], type: file }", repo);
        var folder = Rules.Evaluate("file: { glob: migrations, type: dir }", repo);
        var missing = Rules.Evaluate("file: { glob: CODEOWNERS }", repo);

        Assert.Equal(OutcomeStatus.Pass, runbook.Status);
        Assert.Equal("docs/ops/runbook-payments.md", Assert.Single(runbook.Evidence).File);
        Assert.Equal(OutcomeStatus.Pass, folder.Status);
        Assert.Equal(OutcomeStatus.Fail, missing.Status);
        Assert.Equal("a file or folder matching CODEOWNERS", Assert.Single(missing.LookedFor));
    }

    [Fact]
    public void FileDetectorExcludeLeavesOutMatchingPaths()
    {
        using var repo = new TempRepo((".devcontainer/Dockerfile", "FROM x\n"), ("api/Dockerfile", "FROM y\n"));

        var both = Rules.Evaluate("file: { glob: '**/Dockerfile', exclude: '**/.devcontainer/**' }", repo);
        var none = Rules.Evaluate("file: { glob: '.devcontainer/Dockerfile', exclude: '**/.devcontainer/**' }", repo);

        Assert.Equal("api/Dockerfile", Assert.Single(both.Evidence).File);
        Assert.Equal(OutcomeStatus.Fail, none.Status);
    }

    [Fact]
    public void DependencyDetectorReadsManifestsWithLines()
    {
        using var repo = new TempRepo(("package.json", """
            {
              "name": "orders",
              "dependencies": {
                "express": "^4.19.2",
                "helmet": "^7.1.0"
              },
              "devDependencies": { "jest": "^29.7.0" }
            }
            """));

        var helmet = Rules.Evaluate("dependency: { ecosystem: node, name: [helmet, '@fastify/helmet'] }", repo);
        var jestProd = Rules.Evaluate("dependency: { ecosystem: node, name: jest }", repo);
        var jestDev = Rules.Evaluate("dependency: { ecosystem: node, name: jest, dev: true }", repo);

        Assert.Equal(OutcomeStatus.Pass, helmet.Status);
        var evidence = Assert.Single(helmet.Evidence);
        Assert.Equal(("package.json", 5), (evidence.File, evidence.Line));
        Assert.Equal("declares helmet ^7.1.0", evidence.Message);
        Assert.Equal(OutcomeStatus.Fail, jestProd.Status);
        Assert.Equal("package.json", Assert.Single(jestProd.Evidence).File); // where the fix belongs
        Assert.False(jestProd.Evidence[0].Supports);
        Assert.Equal(OutcomeStatus.Pass, jestDev.Status);
    }

    [Fact]
    public void DependencyDetectorOfAnAbsentEcosystemIsSkippedNotFailed()
    {
        using var repo = new TempRepo(("app/main.py", "print('hi')\n"));

        var outcome = Rules.Evaluate("dependency: { ecosystem: node, name: helmet }", repo);
        var either = Rules.Evaluate("any: [ { dependency: { ecosystem: node, name: helmet } }, { dependency: { ecosystem: python, name: secure } } ]", repo);

        Assert.Equal(OutcomeStatus.Skipped, outcome.Status);
        Assert.Equal(OutcomeStatus.Fail, either.Status);
    }

    [Theory]
    [InlineData("java", "spring-boot-starter-web")]
    [InlineData("java", "org.springframework.boot:spring-boot-starter-web")]
    [InlineData("python", "Flask_Limiter")]
    [InlineData("dotnet", "OpenTelemetry.*")]
    [InlineData("go", "github.com/sony/gobreaker")]
    public void DependencyNamesMatchAsEachEcosystemNamesThem(string ecosystem, string name)
    {
        using var repo = new TempRepo(
            ("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <dependencies>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>
                  </dependencies>
                </project>
                """),
            ("requirements.txt", "flask-limiter==3.5.0\n"),
            ("Api.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="OpenTelemetry.Extensions.Hosting" Version="1.9.0" /></ItemGroup></Project>"""),
            ("go.mod", "module example.test/ledger\n\ngo 1.23\n\nrequire github.com/sony/gobreaker v1.0.0\n"));

        var outcome = Rules.Evaluate($"dependency: {{ ecosystem: {ecosystem}, name: '{name}' }}", repo);

        Assert.Equal(OutcomeStatus.Pass, outcome.Status);
    }

    [Fact]
    public void ContentDetectorIgnoresCommentsAndReportsTheLine()
    {
        using var repo = new TempRepo(
            ("src/app.ts", "import express from 'express';\n// app.use(helmet());\n/* app.use(helmet()); */\nconst app = express();\n"),
            ("src/server.ts", "import helmet from 'helmet';\n\napp.use(helmet());\n"));

        var outcome = Rules.Evaluate(@"content: { languages: [typescript], pattern: 'app\.use\(helmet\(' }", repo);

        Assert.Equal(OutcomeStatus.Pass, outcome.Status);
        var evidence = Assert.Single(outcome.Evidence);
        Assert.Equal(("src/server.ts", 3, "app.use(helmet());"), (evidence.File, evidence.Line, evidence.Excerpt));
        Assert.Contains("(2 files searched)", outcome.LookedFor[0]);
    }

    [Fact]
    public void ContentDetectorOnlyInCommentsFails()
    {
        using var repo = new TempRepo(("app/main.py", "# limiter = Limiter(key_func=get_remote_address)\nprint('no limiter')\n"));

        var outcome = Rules.Evaluate(@"content: { languages: [python], pattern: 'Limiter\(' }", repo);

        Assert.Equal(OutcomeStatus.Fail, outcome.Status);
        Assert.Empty(outcome.Evidence);
    }

    [Fact]
    public void ContentDetectorSkipsTestFilesUnlessAsked()
    {
        using var repo = new TempRepo(
            ("store/db.go", "package store\n\nfunc Open() {}\n"),
            ("store/db_test.go", "package store\n\nfunc TestOpen(t *testing.T) {\n\tdb.Ping()\n}\n"));

        var service = Rules.Evaluate(@"content: { languages: [go], pattern: '\.Ping\(' }", repo);
        var tests = Rules.Evaluate(@"content: { languages: [go], tests: true, pattern: '\.Ping\(' }", repo);

        Assert.Equal(OutcomeStatus.Fail, service.Status);
        Assert.Contains("(1 file searched)", service.LookedFor[0]);
        Assert.Equal(OutcomeStatus.Pass, tests.Status);
        Assert.Equal(("store/db_test.go", 4), (tests.Evidence[0].File, tests.Evidence[0].Line));
    }

    [Fact]
    public void ContentDetectorUnlessDiscardsMatchesButKeepsLookingInTheFile()
    {
        using var repo = new TempRepo(
            ("deploy/dev.yml", "key: AKIAIOSFODNN7EXAMPLE\n"),
            ("deploy/prod.yml", "a: AKIAIOSFODNN7EXAMPLE\nb: AKIAR5TW2NQ8YB3HXK6L\n"));

        var outcome = Rules.Evaluate(@"content: { files: ['**/*.yml'], pattern: '\bAKIA[0-9A-Z]{16}\b', unless: 'EXAMPLE$' }", repo);

        Assert.Equal(OutcomeStatus.Pass, outcome.Status);
        var evidence = Assert.Single(outcome.Evidence);
        Assert.Equal(("deploy/prod.yml", 2), (evidence.File, evidence.Line));
    }

    [Fact]
    public void ContentDetectorByGlobSearchesAnyTextFile()
    {
        using var repo = new TempRepo(("deploy/nginx.conf", "http {\n  limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;\n}\n"));

        var outcome = Rules.Evaluate("content: { files: ['**/nginx*.conf'], pattern: 'limit_req_zone' }", repo);

        Assert.Equal(OutcomeStatus.Pass, outcome.Status);
        Assert.Equal(2, outcome.Evidence[0].Line);
    }

    [Fact]
    public void ExcerptsMaskSecrets()
    {
        using var repo = new TempRepo(("config/settings.py", "DATABASE_PASSWORD = \"hunter2-very-secret\"\n"));

        var outcome = Rules.Evaluate("content: { languages: [python], pattern: 'PASSWORD\\s*=' }", repo);

        var excerpt = Assert.Single(outcome.Evidence).Excerpt!;
        Assert.DoesNotContain("hunter2-very-secret", excerpt);
        Assert.Contains("DATABASE_PASSWORD", excerpt);
    }

    [Fact]
    public void NotTurnsAForbiddenMatchIntoAFailurePointingAtIt()
    {
        using var repo = new TempRepo(("settings.py", "SECRET_KEY = 'x'\nDEBUG = True\n"));

        var outcome = Rules.Evaluate(@"not: { content: { languages: [python], pattern: '^DEBUG\s*=\s*True' } }", repo);

        Assert.Equal(OutcomeStatus.Fail, outcome.Status);
        var evidence = Assert.Single(outcome.Evidence);
        Assert.False(evidence.Supports);
        Assert.Equal(2, evidence.Line);
    }

    [Fact]
    public void AllAnyAndCountCombineChildren()
    {
        using var repo = new TempRepo(("README.md", "# x"), ("CODEOWNERS", "* @team"));
        const string present1 = "{ file: { glob: README.md } }", present2 = "{ file: { glob: CODEOWNERS } }", absent = "{ file: { glob: SECURITY.md } }";

        Assert.Equal(OutcomeStatus.Pass, Rules.Evaluate($"all: [{present1}, {present2}]", repo).Status);
        Assert.Equal(OutcomeStatus.Partial, Rules.Evaluate($"all: [{present1}, {absent}]", repo).Status);
        Assert.Equal(OutcomeStatus.Pass, Rules.Evaluate($"any: [{absent}, {present1}]", repo).Status);
        Assert.Equal(OutcomeStatus.Pass, Rules.Evaluate($"count: {{ pass: 2, partial: 1, of: [{present1}, {absent}, {present2}] }}", repo).Status);
        Assert.Equal(OutcomeStatus.Partial, Rules.Evaluate($"count: {{ pass: 2, partial: 1, of: [{present1}, {absent}] }}", repo).Status);
        Assert.Equal(OutcomeStatus.Fail, Rules.Evaluate($"count: {{ pass: 2, partial: 1, of: [{absent}, {absent}] }}", repo).Status);
    }

    [Fact]
    public void QueryWithEachGivesPartialWhenSomeItemsComply()
    {
        using var repo = new TempRepo(("docker-compose.yml", """
            services:
              api:
                image: example/api:1.4.2
                read_only: true
              worker:
                image: example/worker:1.4.2
                read_only: false
              db:
                image: postgres:16
            """));

        var outcome = Rules.Evaluate("query: { in: compose, each: 'services.*', path: read_only, equals: true }", repo);

        Assert.Equal(OutcomeStatus.Partial, outcome.Status);
        Assert.Equal([(4, true), (7, false), (8, false)], outcome.Evidence.Select(e => (e.Line!.Value, e.Supports)));
    }

    [Fact]
    public void ComposeMergeKeysApplyTheSharedSettingsWithOwnKeysWinning()
    {
        using var repo = new TempRepo(("docker-compose.yml", """
            x-hardened: &hardened
              read_only: true
              cap_drop: [ALL]
            services:
              api:
                <<: *hardened
                image: example/api:1.4.2
              worker:
                <<: *hardened
                image: example/worker:1.4.2
                read_only: false
            """));

        var outcome = Rules.Evaluate("query: { in: compose, each: 'services.*', path: read_only, equals: true }", repo);

        Assert.Equal(OutcomeStatus.Partial, outcome.Status);
        // The api inherits the anchor's value (evidence at the anchor's line); the worker's own key overrides it.
        Assert.Equal([(2, true), (11, false)], outcome.Evidence.Select(e => (e.Line!.Value, e.Supports)));
    }

    [Fact]
    public void QueryFindsKubernetesObjectsInMultiDocumentFiles()
    {
        using var repo = new TempRepo(("deploy/app.yaml", """
            apiVersion: v1
            kind: Service
            metadata: { name: ledger }
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: ledger }
            spec:
              template:
                spec:
                  containers:
                    - name: ledger
                      image: example/ledger:2.0.1
                      readinessProbe:
                        httpGet: { path: /readyz, port: 8080 }
            """));

        var probe = Rules.Evaluate("query: { in: kubernetes, each: 'spec.template.spec.containers.*', path: readinessProbe }", repo);
        var liveness = Rules.Evaluate("query: { in: kubernetes, each: 'spec.template.spec.containers.*', path: livenessProbe }", repo);

        Assert.Equal(OutcomeStatus.Pass, probe.Status);
        Assert.Equal(14, probe.Evidence[0].Line);
        Assert.Equal(OutcomeStatus.Fail, liveness.Status);
        Assert.Equal(12, liveness.Evidence[0].Line); // the container that lacks it
    }

    [Fact]
    public void QueryMatchesGitHubActionsStepsAndJsonByGlob()
    {
        using var repo = new TempRepo(
            (".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          npm ci\n          npm test -- --coverage\n"),
            ("package.json", "{\n  \"scripts\": {\n    \"test\": \"jest\"\n  }\n}\n"));

        var ciTests = Rules.Evaluate("query: { in: github-actions, path: 'jobs.*.steps.*.run', matches: 'npm (run )?test' }", repo);
        var prTrigger = Rules.Evaluate("query: { in: github-actions, path: on, contains: pull_request }", repo);
        var script = Rules.Evaluate("query: { in: '**/package.json', path: scripts.test }", repo);
        var gitlab = Rules.Evaluate("query: { in: gitlab-ci, path: '**.script' }", repo);

        Assert.Equal(OutcomeStatus.Pass, ciTests.Status);
        Assert.Equal(7, ciTests.Evidence[0].Line);
        Assert.Equal(OutcomeStatus.Pass, prTrigger.Status);
        Assert.Equal(OutcomeStatus.Pass, script.Status);
        Assert.Equal(3, script.Evidence[0].Line);
        Assert.Equal(OutcomeStatus.Fail, gitlab.Status);
        Assert.Contains("no gitlab-ci documents found", gitlab.LookedFor[0]);
    }

    [Fact]
    public void QueryExistsFalseFailsAtTheOffendingNode()
    {
        using var repo = new TempRepo(("compose.yaml", "services:\n  api:\n    image: a:1\n    privileged: true\n"));

        var outcome = Rules.Evaluate("query: { in: compose, path: 'services.*.privileged', exists: false }", repo);

        Assert.Equal(OutcomeStatus.Fail, outcome.Status);
        Assert.Equal(4, Assert.Single(outcome.Evidence).Line);
    }

    [Fact]
    public void DockerfileChecksRunOnEveryDockerfile()
    {
        using var repo = new TempRepo(
            ("Dockerfile", "FROM node:20.11-alpine AS build\nRUN npm ci\nFROM node:20.11-alpine\nUSER node\nHEALTHCHECK CMD wget -qO- localhost:3000/health\n"),
            ("tools/Dockerfile", "FROM python:latest\nRUN pip install x\n"));

        var nonRoot = Rules.Evaluate("dockerfile: { check: non-root-user }", repo);
        var pinned = Rules.Evaluate("dockerfile: { check: pinned-base-image }", repo);

        Assert.Equal(OutcomeStatus.Partial, nonRoot.Status);
        Assert.Equal([("Dockerfile", true), ("tools/Dockerfile", false)], nonRoot.Evidence.Select(e => (e.File!, e.Supports)));
        Assert.Equal(OutcomeStatus.Partial, pinned.Status);
        Assert.Equal(1, pinned.Evidence.Single(e => !e.Supports).Line);
    }
}
