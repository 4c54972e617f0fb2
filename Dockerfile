# Multi-stage image for jvdr on Debian 12. The build stage installs with the same script the
# README's commands and CI use (scripts/install-deps.sh), so the steps CI runs are the ones the
# image runs.
FROM debian:12-slim AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN scripts/install-deps.sh build
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DJVDR_TESTS=OFF \
 && cmake --build build -j"$(nproc)"

FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libmicrohttpd12 libjansson4 libsqlite3-0 curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data jvdr \
 && mkdir -p /data && chown jvdr /data
COPY --from=build /src/build/jvdr /usr/local/bin/jvdr
USER jvdr
VOLUME /data
ENV JVDR_BIND=0.0.0.0 JVDR_PORT=8080 JVDR_DB=/data/jvdr.db
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s \
    CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/jvdr"]
