# The ProdReady server (`prodready serve`) as a container: built from source, run as a non-root user, with a
# health check on the liveness endpoint. The portfolio (SQLite) lives in the /data volume; for PostgreSQL set
# PRODREADY_DB to its connection string and add `--provider postgres` to the command.
#
#   docker build -t prodready .
#   docker run -p 8080:8080 -v prodready-data:/data prodready
#   docker run --rm -v prodready-data:/data prodready keys create --name ci --scopes assessments:write --db /data/prodready.db

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ProdReady.sln ./
COPY src/ src/
# The rule catalog is embedded in the build.
COPY rules/ rules/
RUN dotnet publish src/ProdReady.Cli -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl only for the health check below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
RUN mkdir /data && chown app:app /data
VOLUME /data
# The non-root user the .NET images provide (uid 1654).
USER app
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/healthz/live || exit 1
# SIGTERM (docker stop) lets ingests in flight finish, within ShutdownTimeout (30 s); give docker as long.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "ProdReady.Cli.dll"]
CMD ["serve", "--urls", "http://0.0.0.0:8080", "--db", "/data/prodready.db"]
