# syntax=docker/dockerfile:1
#
# One Dockerfile for every Fanout process: the four services, the console and the embedded
# broker. Each is a build target (`docker build --target inventory .`); all of them share the
# dependency and source layers, so building the six images costs one `npm ci`.
#
# Every process runs compiled JavaScript with production dependencies only: a build stage compiles
# the services (tools/build: SWC, decorator metadata kept, one dist/apps/<service>/ tree each) and
# the broker (tsc), and the images take only that dist/ output. Without a TypeScript loader in
# the process a service needs less memory (docs/decisions.md gives the measured figure).

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# --- production dependencies only -------------------------------------------------------------
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci's postinstall applies these (patch-package, a production dependency for this reason):
# kafkajs 2.2.4 with its idle-connection timer loop fixed (docs/decisions.md).
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- the services and the broker compiled to JavaScript; only dist/ output goes into an image --
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY libs ./libs
COPY apps ./apps
COPY tools/build ./tools/build
RUN node -r @swc-node/register tools/build/src/main.ts orders payments inventory notifications console analytics \
  && npx tsc -b libs/broker/tsconfig.lib.json

# --- what every process needs: production node_modules and package.json ----------------------
FROM ${NODE_IMAGE} AS runtime
# HOST: every interface of the container (outside one, the services listen on 127.0.0.1); compose
# and the Kubernetes Deployments rely on it.
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
# Owned by root and not writable by the `node` user that runs the process: the code is immutable.
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
# `node` (uid 1000) from the base image, numeric so that Kubernetes can verify runAsNonRoot.
USER 1000:1000
# GET /health answers 200 only when the database and Kafka are reachable.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`, { signal: AbortSignal.timeout(2500) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# --- one target per service ---------------------------------------------------------------------
FROM runtime AS orders
ENV PORT=3000
COPY --from=build /app/dist/apps/orders ./dist/apps/orders
EXPOSE 3000
CMD ["node", "dist/apps/orders/main.js"]

FROM runtime AS payments
ENV PORT=3001
COPY --from=build /app/dist/apps/payments ./dist/apps/payments
EXPOSE 3001
CMD ["node", "dist/apps/payments/main.js"]

FROM runtime AS inventory
ENV PORT=3002
COPY --from=build /app/dist/apps/inventory ./dist/apps/inventory
EXPOSE 3002
CMD ["node", "dist/apps/inventory/main.js"]

FROM runtime AS notifications
ENV PORT=3003
COPY --from=build /app/dist/apps/notifications ./dist/apps/notifications
EXPOSE 3003
CMD ["node", "dist/apps/notifications/main.js"]

# The console (apps/console): its page is served as written, beside the compiled main.ts that
# serves it, and its front-end packages come from the production node_modules.
FROM runtime AS console
ENV PORT=3004
COPY --from=build /app/dist/apps/console ./dist/apps/console
COPY --from=build /app/apps/console/src/public ./dist/apps/console/apps/console/src/public
EXPOSE 3004
CMD ["node", "dist/apps/console/main.js"]

FROM runtime AS analytics
ENV PORT=3005
COPY --from=build /app/dist/apps/analytics ./dist/apps/analytics
EXPOSE 3005
CMD ["node", "dist/apps/analytics/main.js"]

# The embedded Kafka-compatible broker, for machines without memory to spare for a JVM.
FROM runtime AS broker
ENV BROKER_HOST=0.0.0.0 \
    BROKER_PORT=9092 \
    BROKER_DATA_DIR=/data
COPY --from=build /app/dist/libs/broker ./dist/libs/broker
# The log directory is the one place the broker writes.
USER root
RUN mkdir -p /data && chown 1000:1000 /data
USER 1000:1000
VOLUME ["/data"]
EXPOSE 9092
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=5 \
  CMD ["node", "-e", "require('node:net').connect(9092, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))"]
CMD ["node", "dist/libs/broker/cli/main.js"]
