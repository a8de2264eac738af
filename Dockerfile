# Preflight in a container: built exactly as the README says (scripts/setup apt-installs what is
# missing, then configures and builds with CMake/Ninja), tests left out of the build.
#   docker build -t preflight .
#   docker run --rm -p 127.0.0.1:4566:4566 -v preflight-data:/data preflight
# Lambda functions run as local processes inside the container, so the image keeps python3
# (python3.x runtimes) and node (nodejs* runtimes), both installed by scripts/setup.
FROM debian:bookworm

WORKDIR /app
COPY . /app

# scripts/setup installs python3, nodejs/npm and curl with the build tools. The build directory
# stays in the image: the binary is build/preflight, linked onto PATH.
RUN scripts/setup build -DPREFLIGHT_TESTS=OFF \
    && ln -s /app/build/preflight /usr/local/bin/preflight \
    && rm -rf /var/lib/apt/lists/*

VOLUME /data
EXPOSE 4566

HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=5 \
    CMD curl -fsS http://127.0.0.1:4566/_preflight/health || exit 1

# 0.0.0.0 so the published port reaches it; the emulator warns that it is not on loopback.
# Other commands run from the same image, e.g. `docker run --rm preflight preflight --version`.
CMD ["preflight", "serve", "--host", "0.0.0.0", "--port", "4566", "--data-dir", "/data"]
