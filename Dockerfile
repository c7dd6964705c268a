# syntax=docker/dockerfile:1
#
# One Dockerfile for every Fanout process: the four services and the embedded broker. Each is a
# build target (`docker build --target inventory .`); all of them share the dependency and source
# layers, so building the five images costs one `npm ci`.
#
# The services' TypeScript runs as-is through @swc-node/register (a production dependency), as in
# development. The broker runs compiled, as `npm run broker` does: without the compiler loaded it
# needs about 75 MiB less memory, which is the point of running it instead of a JVM.

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# --- production dependencies only -------------------------------------------------------------
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- the broker compiled to JavaScript; only its dist/ output goes into an image --------------
FROM ${NODE_IMAGE} AS broker-build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY libs/broker ./libs/broker
RUN npm run build:broker

# --- what every process needs: node_modules, tsconfig (path aliases), libs and apps -----------
FROM ${NODE_IMAGE} AS runtime
# HOST: every interface of the container (outside one, the services listen on 127.0.0.1); compose
# and the Kubernetes Deployments rely on it.
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
# Owned by root and not writable by the `node` user that runs the process: the code is immutable.
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY apps ./apps
# `node` (uid 1000) from the base image, numeric so that Kubernetes can verify runAsNonRoot.
USER 1000:1000
# GET /health answers 200 only when the database and Kafka are reachable.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`, { signal: AbortSignal.timeout(2500) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# --- one target per service ---------------------------------------------------------------------
FROM runtime AS orders
ENV PORT=3000
EXPOSE 3000
CMD ["node", "-r", "@swc-node/register", "apps/orders/src/main.ts"]

FROM runtime AS payments
ENV PORT=3001
EXPOSE 3001
CMD ["node", "-r", "@swc-node/register", "apps/payments/src/main.ts"]

FROM runtime AS inventory
ENV PORT=3002
EXPOSE 3002
CMD ["node", "-r", "@swc-node/register", "apps/inventory/src/main.ts"]

FROM runtime AS notifications
ENV PORT=3003
EXPOSE 3003
CMD ["node", "-r", "@swc-node/register", "apps/notifications/src/main.ts"]

# The embedded Kafka-compatible broker, for machines without memory to spare for a JVM.
FROM runtime AS broker
ENV BROKER_HOST=0.0.0.0 \
    BROKER_PORT=9092 \
    BROKER_DATA_DIR=/data
COPY --from=broker-build /app/dist/libs/broker ./dist/libs/broker
# The log directory is the one place the broker writes.
USER root
RUN mkdir -p /data && chown 1000:1000 /data
USER 1000:1000
VOLUME ["/data"]
EXPOSE 9092
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=5 \
  CMD ["node", "-e", "require('node:net').connect(9092, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))"]
CMD ["node", "dist/libs/broker/cli/main.js"]
