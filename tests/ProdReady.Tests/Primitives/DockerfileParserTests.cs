using ProdReady.Model;
using ProdReady.Scanning.Dockerfiles;

namespace ProdReady.Tests.Primitives;

public class DockerfileParserTests
{
    private const string NodeDockerfile = """
        # syntax=docker/dockerfile:1.7
        ARG NODE_VERSION=20.11.1

        FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}-alpine AS build
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci && \
            # compile TypeScript

            npm run build

        FROM node:${NODE_VERSION}-alpine
        ENV NODE_ENV=production
        COPY --from=build /app/dist ./dist
        USER node
        CMD ["node", "dist/server.js"]
        """;

    [Fact]
    public void ReadsStagesAndInstructions()
    {
        var model = DockerfileParser.Parse("Dockerfile", NodeDockerfile);

        Assert.Empty(model.Diagnostics);
        var arg = Assert.Single(model.GlobalArgs);
        Assert.Equal(new DockerInstruction("ARG", "NODE_VERSION=20.11.1", 2, "ARG NODE_VERSION=20.11.1"), arg);
        Assert.Equal(2, model.Stages.Count);

        var build = model.Stages[0];
        Assert.Equal("node:20.11.1-alpine", build.BaseImage);
        Assert.Equal("build", build.Alias);
        Assert.Equal(4, build.Line);
        Assert.Equal(["FROM", "WORKDIR", "COPY", "RUN"], build.Instructions.Select(i => i.Keyword));
        var run = build.Instructions[3];
        Assert.Equal("npm ci &&     npm run build", run.Arguments);
        Assert.Equal(7, run.Line);
        Assert.Equal("RUN npm ci && \\", run.Text);

        var final = model.Stages[1];
        Assert.Equal("node:20.11.1-alpine", final.BaseImage);
        Assert.Null(final.Alias);
        Assert.Equal(12, final.Line);
        Assert.Equal(new DockerInstruction("CMD", "[\"node\", \"dist/server.js\"]", 16, "CMD [\"node\", \"dist/server.js\"]"), final.Instructions[^1]);
    }

    [Fact]
    public void HeredocBodiesBelongToTheirInstruction()
    {
        const string content = """
            FROM python:3.12-slim
            RUN <<EOF
            pip install --no-cache-dir -r requirements.txt
            USER root
            EOF
            COPY <<-'CONF' /etc/app.conf
            	level=info
            	CONF
            USER app
            """;
        var model = DockerfileParser.Parse("Dockerfile", content);

        var stage = Assert.Single(model.Stages);
        Assert.Equal(["FROM", "RUN", "COPY", "USER"], stage.Instructions.Select(i => i.Keyword));
        Assert.Equal("<<EOF\npip install --no-cache-dir -r requirements.txt\nUSER root", stage.Instructions[1].Arguments);
        Assert.Equal("<<-'CONF' /etc/app.conf\n\tlevel=info", stage.Instructions[2].Arguments);
        Assert.Equal(9, stage.Instructions[3].Line);
        Assert.Empty(model.Diagnostics);
    }

    [Fact]
    public void ShellShiftIsNotAHeredoc()
    {
        var model = DockerfileParser.Parse("Dockerfile", "FROM alpine:3.20\nRUN echo $((1 << 2)) && cat <<< hi\nUSER nobody\n");
        Assert.Equal(["FROM", "RUN", "USER"], model.Stages[0].Instructions.Select(i => i.Keyword));
    }

    [Fact]
    public void UnclosedHeredocIsReported()
    {
        var model = DockerfileParser.Parse("api/Dockerfile", "FROM alpine:3.20\nRUN <<EOT\necho hi\n");
        var diagnostic = Assert.Single(model.Diagnostics);
        Assert.Equal(new Diagnostic(DiagnosticSeverity.Warning, "api/Dockerfile", 2, "heredoc <<EOT is never closed"), diagnostic);
    }

    [Fact]
    public void EscapeDirectiveChangesTheContinuationCharacter()
    {
        const string content = """
            # escape=`
            FROM mcr.microsoft.com/windows/servercore:ltsc2022
            COPY app C:\app\
            RUN powershell -Command `
                Write-Host done
            """;
        var stage = Assert.Single(DockerfileParser.Parse("Dockerfile", content).Stages);
        Assert.Equal("app C:\\app\\", stage.Instructions[1].Arguments);
        Assert.Equal("powershell -Command     Write-Host done", stage.Instructions[2].Arguments);
    }

    [Fact]
    public void EscapeDirectiveAfterACommentIsIgnored()
    {
        var stage = Assert.Single(DockerfileParser.Parse("Dockerfile", "# a comment\n# escape=`\nFROM alpine:3.20\nRUN a `\nRUN b\n").Stages);
        Assert.Equal(["FROM", "RUN", "RUN"], stage.Instructions.Select(i => i.Keyword));
    }

    [Fact]
    public void ArgDefaultsAreSubstitutedInFrom()
    {
        const string content = """
            ARG REGISTRY=registry.example.com:5000
            ARG TAG
            ARG PY="3.12"
            FROM ${REGISTRY}/team/base:${TAG:-1.4.2} AS base
            FROM python:${PY}-slim
            FROM $IMAGE
            FROM ${TAG}
            """;
        var images = DockerfileParser.Parse("Dockerfile", content).Stages.Select(s => s.BaseImage);
        Assert.Equal(["registry.example.com:5000/team/base:1.4.2", "python:3.12-slim", "$IMAGE", "${TAG}"], images);
    }

    [Fact]
    public void ReportsMissingFromAndStrayInstructions()
    {
        var model = DockerfileParser.Parse("docker/Dockerfile", "# nothing yet\nRUN echo hi\nBOGUS thing\n");
        Assert.Empty(model.Stages);
        Assert.Equal(
            [
                Diagnostic.Warning("docker/Dockerfile", 3, "unknown Dockerfile instruction 'BOGUS'; skipped"),
                Diagnostic.Warning("docker/Dockerfile", 2, "RUN before the first FROM; skipped"),
                Diagnostic.Error("docker/Dockerfile", 1, "no FROM instruction; this is not a buildable Dockerfile"),
            ],
            model.Diagnostics);
    }

    [Fact]
    public void EmptyFileHasNoStages()
    {
        var model = DockerfileParser.Parse("Dockerfile", "");
        Assert.Empty(model.Stages);
        Assert.Equal("no FROM instruction; this is not a buildable Dockerfile", Assert.Single(model.Diagnostics).Message);
    }

    [Fact]
    public void LowerCaseKeywordsCrlfAndTrailingContinuation()
    {
        var model = DockerfileParser.Parse("Dockerfile", "\uFEFFfrom alpine:3.20 as Base\r\nrun apk add curl \\\r\n");
        var stage = Assert.Single(model.Stages);
        Assert.Equal("Base", stage.Alias);
        Assert.Equal(new DockerInstruction("RUN", "apk add curl", 2, "run apk add curl \\"), stage.Instructions[1]);
    }
}
