# Build stage: dependencies, the web UI, the migrated PGlite template a first
# start unpacks instead of running initdb (db/dist/), and the compile cache a
# first start copies into /data (server/dist/; made as root at /app, renamed
# for the user at the copy): npm run build.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

# Run stage: non-root, data in a volume.
FROM node:24-bookworm-slim
ENV NODE_ENV=production DATA_DIR=/data PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# launch.mjs adds the V8 flags the server is measured with (server/launch.mjs).
CMD ["node", "server/launch.mjs", "main.ts"]
