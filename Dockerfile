# Jembatan service image: build with the Rust toolchain, run on a slim Debian with only what the binary needs.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin jembatan

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /var/lib/jembatan jembatan
COPY --from=build /src/target/release/jembatan /usr/local/bin/jembatan
USER jembatan
WORKDIR /var/lib/jembatan
ENV BIND_ADDR=0.0.0.0:8080 \
    INDEX_DIR=/var/lib/jembatan/index \
    LOG_FORMAT=json
EXPOSE 8080
ENTRYPOINT ["jembatan"]
CMD ["serve"]
