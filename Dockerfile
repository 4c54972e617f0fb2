# Multi-stage image for jvdr on Debian 12. The build stage installs with the same script the
# README's commands and CI use (scripts/install-deps.sh). The runtime stage holds the binary and
# its runtime libraries only. CI builds it with podman and runs it (tests/e2e/container.sh).
FROM debian:12-slim AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN scripts/install-deps.sh build
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DJVDR_TESTS=OFF \
 && cmake --build build -j"$(nproc)"

FROM debian:12-slim
# Whatever the base image's apt configuration keeps, nothing of apt's lists, caches or logs stays.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libmicrohttpd12 libjansson4 libsqlite3-0 zlib1g libpq5 \
    libutf8proc2 libjose0 libssl3 \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/cache/debconf/*-old /var/log/apt \
    /var/log/dpkg.log \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin jvdr \
 && mkdir -p /data && chown jvdr:jvdr /data
COPY --from=build /src/build/jvdr /usr/local/bin/jvdr
USER jvdr
WORKDIR /data
VOLUME /data
ENV JVDR_BIND=0.0.0.0 JVDR_PORT=8080 JVDR_DB=/data/jvdr.db
EXPOSE 8080
# `jvdr healthcheck` GETs /healthz on JVDR_PORT: no curl needed in the image.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s CMD ["/usr/local/bin/jvdr", "healthcheck"]
# SIGTERM (docker stop) finishes requests in flight, checkpoints the WAL and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/jvdr"]
