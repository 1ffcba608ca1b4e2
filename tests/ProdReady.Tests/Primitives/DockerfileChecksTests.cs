using ProdReady.Scanning.Dockerfiles;

namespace ProdReady.Tests.Primitives;

public class DockerfileChecksTests
{
    private const string Node = """
        ARG NODE_VERSION=20.11.1
        FROM node:${NODE_VERSION}-alpine AS deps
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci --omit=dev

        FROM node:${NODE_VERSION}-alpine AS build
        WORKDIR /app
        COPY . .
        RUN npm ci && npm run build

        FROM node:${NODE_VERSION}-alpine
        ENV NODE_ENV=production
        WORKDIR /app
        COPY --from=deps /app/node_modules ./node_modules
        COPY --from=build /app/dist ./dist
        USER node
        EXPOSE 3000
        HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:3000/health || exit 1
        CMD ["node", "dist/server.js"]
        """;

    private const string Python = """
        FROM python:3.12-slim AS builder
        WORKDIR /src
        COPY requirements.txt .
        RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

        FROM python:3.12-slim
        RUN useradd --create-home app
        COPY --from=builder /wheels /wheels
        RUN <<EOF
        pip install --no-cache-dir /wheels/*
        USER root
        HEALTHCHECK CMD true
        EOF
        USER app
        CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
        """;

    private const string DotNet = """
        FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
        WORKDIR /src
        COPY . .
        RUN dotnet publish src/Api/Api.csproj -c Release -o /app

        FROM mcr.microsoft.com/dotnet/aspnet:8.0@sha256:3b1e5c0f2d5a4f8b9c7e6d5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c AS final
        WORKDIR /app
        COPY --from=build /app .
        USER $APP_UID
        HEALTHCHECK NONE
        ENTRYPOINT ["dotnet", "Api.dll"]
        """;

    private const string Go = """
        FROM --platform=$BUILDPLATFORM golang:1.22 AS build
        WORKDIR /src
        COPY go.mod go.sum ./
        RUN go mod download
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

        FROM gcr.io/distroless/static-debian12:nonroot
        COPY --from=build /out/server /server
        ENTRYPOINT ["/server"]
        """;

    private static DockerCheckOutcome Run(string check, string content) =>
        DockerfileChecks.Run(check, DockerfileParser.Parse("Dockerfile", content));

    [Fact]
    public void NodeMultiStagePassesEverything()
    {
        Assert.Equal(new DockerCheckOutcome(true, 17, "USER node", "final stage runs as USER node"), Run(DockerfileChecks.NonRootUser, Node));
        Assert.Equal(
            new DockerCheckOutcome(true, 19, "HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:3000/health || exit 1",
                "final stage declares a HEALTHCHECK"),
            Run(DockerfileChecks.Healthcheck, Node));
        Assert.Equal(new DockerCheckOutcome(true, 12, "FROM node:${NODE_VERSION}-alpine", "all 3 base images are pinned"),
            Run(DockerfileChecks.PinnedBaseImage, Node));
        Assert.Equal(new DockerCheckOutcome(true, 12, "FROM node:${NODE_VERSION}-alpine", "3 build stages"), Run(DockerfileChecks.MultiStage, Node));
    }

    [Fact]
    public void PythonHeredocDoesNotCountAsInstructions()
    {
        Assert.Equal(new DockerCheckOutcome(true, 14, "USER app", "final stage runs as USER app"), Run(DockerfileChecks.NonRootUser, Python));
        Assert.Equal(new DockerCheckOutcome(false, 6, "FROM python:3.12-slim", "final stage has no HEALTHCHECK"), Run(DockerfileChecks.Healthcheck, Python));
    }

    [Fact]
    public void DotNetDigestVariableUserAndHealthcheckNone()
    {
        var user = Run(DockerfileChecks.NonRootUser, DotNet);
        Assert.Equal(new DockerCheckOutcome(true, 9, "USER $APP_UID", "final stage runs as USER $APP_UID"), user);
        Assert.Equal(new DockerCheckOutcome(false, 10, "HEALTHCHECK NONE", "HEALTHCHECK NONE disables the health check"),
            Run(DockerfileChecks.Healthcheck, DotNet));
        Assert.True(Run(DockerfileChecks.PinnedBaseImage, DotNet).Passed);
    }

    [Fact]
    public void GoDistrolessNonRootImage()
    {
        Assert.Equal(
            new DockerCheckOutcome(true, 8, "FROM gcr.io/distroless/static-debian12:nonroot",
                "final stage has no USER, but base image gcr.io/distroless/static-debian12:nonroot runs as non-root"),
            Run(DockerfileChecks.NonRootUser, Go));
        Assert.Equal("all 2 base images are pinned", Run(DockerfileChecks.PinnedBaseImage, Go).Message);
    }

    [Theory]
    [InlineData("USER root", false, "final stage runs as root (USER root)")]
    [InlineData("USER 0", false, "final stage runs as root (USER 0)")]
    [InlineData("USER 0:0", false, "final stage runs as root (USER 0:0)")]
    [InlineData("USER root:root", false, "final stage runs as root (USER root:root)")]
    [InlineData("USER 1001:0", true, "final stage runs as USER 1001:0")]
    [InlineData("USER nobody", true, "final stage runs as USER nobody")]
    public void LastUserDecides(string lastUser, bool passed, string message)
    {
        var outcome = Run(DockerfileChecks.NonRootUser, $"FROM alpine:3.20\nUSER app\nRUN id\n{lastUser}\nCMD [\"sh\"]\n");
        Assert.Equal(new DockerCheckOutcome(passed, 4, lastUser, message), outcome);
    }

    [Fact]
    public void NoUserFailsAtTheFinalFrom()
    {
        const string content = "FROM golang:1.22 AS build\nUSER builder\nFROM debian:12-slim\nCOPY --from=build /app /app\n";
        Assert.Equal(new DockerCheckOutcome(false, 3, "FROM debian:12-slim", "final stage has no USER; the container runs as root"),
            Run(DockerfileChecks.NonRootUser, content));
    }

    [Fact]
    public void FinalStageInheritsFromEarlierStage()
    {
        const string content = """
            FROM node:20-slim AS base
            USER node
            HEALTHCHECK CMD curl -f http://localhost:8080/health
            FROM base AS runtime
            COPY . .
            FROM runtime
            CMD ["node", "index.js"]
            """;
        Assert.Equal(new DockerCheckOutcome(true, 2, "USER node", "final stage inherits USER node from stage base"),
            Run(DockerfileChecks.NonRootUser, content));
        Assert.Equal("final stage inherits a HEALTHCHECK from stage base", Run(DockerfileChecks.Healthcheck, content).Message);
        Assert.Equal("the base image is pinned", Run(DockerfileChecks.PinnedBaseImage, content).Message);
    }

    [Fact]
    public void UserFromStageArgumentIsResolved()
    {
        const string content = "ARG RUNTIME_USER=root\nFROM alpine:3.20\nARG RUNTIME_USER\nUSER ${RUNTIME_USER}\n";
        Assert.Equal(new DockerCheckOutcome(false, 4, "USER ${RUNTIME_USER}", "final stage runs as root (USER root)"),
            Run(DockerfileChecks.NonRootUser, content));
        var outcome = Run(DockerfileChecks.NonRootUser, "FROM alpine:3.20\nENV APP_USER=svc\nUSER $APP_USER\n");
        Assert.Equal("final stage runs as USER svc", outcome.Message);
    }

    [Theory]
    [InlineData("FROM node\n", false, 1, "base image node has no tag")]
    [InlineData("FROM node:latest\n", false, 1, "base image node:latest uses the latest tag")]
    [InlineData("FROM localhost:5000/app\n", false, 1, "base image localhost:5000/app has no tag")]
    [InlineData("FROM localhost:5000/app:1.2.3\n", true, 1, "the base image is pinned")]
    [InlineData("FROM node@sha256:0123abcd\n", true, 1, "the base image is pinned")]
    [InlineData("ARG BASE\nFROM ${BASE}\n", false, 2, "base image ${BASE} depends on a build argument with no default")]
    [InlineData("ARG BASE=ubuntu:22.04\nFROM ${BASE}\n", true, 2, "the base image is pinned")]
    [InlineData("FROM scratch\nCOPY app /\n", true, 1, "every FROM builds on an earlier stage or scratch")]
    [InlineData("FROM golang:1.22 AS build\nFROM build AS test\nFROM alpine\nFROM python:latest\n", false, 3,
        "base image alpine has no tag (2 of 3 base images unpinned)")]
    public void PinnedBaseImages(string content, bool passed, int line, string message)
    {
        var outcome = Run(DockerfileChecks.PinnedBaseImage, content);
        Assert.Equal((passed, line, message), (outcome.Passed, outcome.Line, outcome.Message));
    }

    [Fact]
    public void LaterAliasIsNotAStageReference()
    {
        var outcome = Run(DockerfileChecks.PinnedBaseImage, "FROM app\nFROM alpine:3.20 AS app\n");
        Assert.Equal(new DockerCheckOutcome(false, 1, "FROM app", "base image app has no tag"), outcome);
    }

    [Fact]
    public void SingleStageIsNotMultiStage() =>
        Assert.Equal(new DockerCheckOutcome(false, 2, "FROM python:3.12", "single-stage build; build tools ship in the final image"),
            Run(DockerfileChecks.MultiStage, "# app\nFROM python:3.12\nCMD [\"python\", \"app.py\"]\n"));

    [Fact]
    public void EveryCheckFailsWithoutFrom()
    {
        var model = DockerfileParser.Parse("Dockerfile", "# TODO\n");
        foreach (var check in DockerfileChecks.Names)
        {
            Assert.Equal(new DockerCheckOutcome(false, 1, "", "no FROM instruction"), DockerfileChecks.Run(check, model));
        }
    }

    [Fact]
    public void UnknownCheckThrows()
    {
        var model = DockerfileParser.Parse("Dockerfile", "FROM alpine:3.20\n");
        var error = Assert.Throws<ArgumentException>(() => DockerfileChecks.Run("small-image", model));
        Assert.Contains("Unknown Dockerfile check 'small-image'", error.Message);
    }

    [Fact]
    public void NamesListsTheFourChecks() =>
        Assert.Equal(["non-root-user", "healthcheck", "pinned-base-image", "multi-stage"], DockerfileChecks.Names);
}
