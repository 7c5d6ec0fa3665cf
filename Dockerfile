# Jembatan service image: build with the Rust toolchain, run on a slim Debian with only what the binary needs.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin jembatan

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /var/lib/jembatan jembatan \
 && mkdir -p /var/lib/jembatan/index \
 && chown -R jembatan:jembatan /var/lib/jembatan
COPY --from=build /src/target/release/jembatan /usr/local/bin/jembatan
USER jembatan
WORKDIR /var/lib/jembatan
ENV BIND_ADDR=0.0.0.0:8080 \
    INDEX_DIR=/var/lib/jembatan/index \
    LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=30 CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["jembatan"]
CMD ["serve"]
