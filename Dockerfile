# Tandem's one image: `tandem operator`, `tandem webhook` and the `tandem
# reloader` sidecar, all from the same files (docs/operating.md, "Building the
# image"):
#
#   docker build -t tandem:dev .
#   docker run --rm tandem:dev --version
#
# Layout, which the chart and the examples rely on (and the tests check,
# test/e2e/image/): node on PATH, the tsc output at /app/dist/operator/ (the
# operator's and webhook's entry point /app/dist/operator/cli/main.js), the
# esbuild bundle at /app/dist/bundle/main.js (what the reloader runs, with V8
# flags on node's command line: ADR 0011), production node_modules only at
# /app/node_modules, /app/package.json ("type": "module").
#
# No image builder runs where this project is developed and tested:
# scripts/stage-image.ts reproduces this file's final filesystem and start-up
# by reading it, so keep to the instructions it understands (it stops with an
# error on anything else).
#
# Both bases are pinned by tag. For a release, pin them by digest as well, so
# a rebuild cannot pick up a different Node or distroless layer:
#   docker buildx imagetools inspect node:24.21.0-bookworm-slim
#   docker build --build-arg NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:<digest> \
#     --build-arg RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot@sha256:<digest> ...
# The build stage's Node is the one scripts/node-env.sh pins for development
# (a unit test keeps them equal). Distroless publishes one tag per Node major,
# so its patch release is whatever the digest resolves to.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot

# Build: every dependency (tsc, esbuild), then `npm run build` writes dist/.
# Debian (glibc) like the runtime, should a native addon ever be added.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/bundle.ts scripts/
COPY operator/ operator/
RUN npm run build

# Production dependencies only, installed apart from the build so no dev
# dependency can leak into the image. No install scripts: none of them needs
# one (protobufjs's only checks versions). Type declarations and source maps
# are never read at run time and are 40 % of these packages' bytes.
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && find node_modules -type f \( -name "*.d.ts" -o -name "*.d.mts" -o -name "*.d.cts" \
      -o -name "*.js.map" -o -name "*.mjs.map" -o -name "*.cjs.map" \) -delete

# Runtime: distroless, so no shell, no package manager, nothing but node and
# its libraries (glibc, libssl, CA certificates, tzdata).
FROM ${RUNTIME_IMAGE}
ARG RUNTIME_IMAGE
ARG VERSION=0.1.0
ARG REVISION=unknown
# The base image keeps node at /nodejs/bin/node and its entry point is that
# absolute path, but PATH does not name /nodejs/bin. The chart and the
# SidecarSets start containers with `command: [node, ...]` (to put V8 flags on
# node's own command line), which the runtime resolves through the image's PATH.
ENV PATH=/nodejs/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /app
COPY package.json ./
COPY --from=production-dependencies /app/node_modules/ node_modules/
COPY --from=build /app/dist/ dist/
# Numeric, so the kubelet can verify runAsNonRoot without reading /etc/passwd;
# 65532 is distroless's nonroot user, as in the chart's securityContext.
USER 65532:65532
EXPOSE 9443 9500
LABEL org.opencontainers.image.title="tandem" \
      org.opencontainers.image.description="Tandem: SidecarSet operator, injection webhook and reloader sidecar" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://github.com/tandem-dev/tandem" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="${RUNTIME_IMAGE}"
# `docker run IMAGE operator|webhook|reloader|inject|explain ...`; the chart's
# Deployment replaces it only to add V8 flags (node.flags), the reloader
# SidecarSet to run the bundle with its own.
ENTRYPOINT ["node", "/app/dist/operator/cli/main.js"]
CMD ["--help"]
