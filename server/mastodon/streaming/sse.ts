// GET /api/v1/streaming (server-sent events), `user` and `user:notification`:
// `notification` events (the entity as JSON) on both; on `user`, also the home
// timeline's `update`, `status.update` and `delete`. Woken by the database's
// NOTIFY (watch.ts), not by polling. The WebSocket form relays these.
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import { DOCUMENTS_CHANNEL } from "../../../db/schema/index.ts";
import { NOTIFICATION_CHANNEL } from "../../domain/notifications.ts";
import { avatarOf } from "../accounts/routes.ts";
import { invalid, mastodonRouter, scope, userOf, type MastodonContext } from "../http.ts";
import { notificationsOf } from "../notifications/routes.ts";
import { covers } from "../oauth/scopes.ts";
import { TOKEN_REVOKED_CHANNEL, tokenStands } from "../oauth/grants.ts";
import { homeUpdates } from "./updates.ts";
import { idBoundAt, watchChannel } from "./watch.ts";
import { knownStreams, sinceHeader } from "./streams.ts";

const sinceLimitMs = 60_000;

/** From when the stream sends: now, or the relay's connection time (within the last minute). */
function startOf(c: MastodonContext): Date {
  const now = Date.now();
  const asked = Number(c.req.header(sinceHeader));
  return new Date(Number.isFinite(asked) && asked > now - sinceLimitMs && asked < now ? asked : now);
}

/** Starts the stream's watches (each once listening), adding to `stops` what stops them. */
async function watch(c: MastodonContext, stream: string, since: Date, sse: SSEStreamingApi, stops: (() => Promise<void>)[]) {
  const member = userOf(c);
  const scopes = c.var.token?.scopes ?? [];
  const { db, listen, config } = c.var.deps;
  const emit = (event: string, data: string) => sse.writeSSE({ event, data });
  if (covers(scopes, "read:notifications")) {
    let after = idBoundAt(since);
    // A first look at once too: what came since the app connected, before we listened.
    stops.push(
      await watchChannel(listen, NOTIFICATION_CHANNEL, async () => {
        const fresh = await notificationsOf(c, member, { limit: 40, since: after });
        for (const n of [...fresh].reverse()) {
          await emit("notification", JSON.stringify(n));
          if (n.id > after) after = n.id;
        }
      }, { now: true }),
    );
  }
  if (stream === "user" && covers(scopes, "read:statuses")) {
    const check = homeUpdates({ db, member, origin: config.publicUrl.origin, avatar: avatarOf(c) }, since, emit);
    // Its first look, at once: the page the app has, to compare the next ones with.
    stops.push(await watchChannel(listen, DOCUMENTS_CHANNEL, check, { now: true }));
  }
}

function serve(c: MastodonContext, stream: string) {
  if (!knownStreams.has(stream)) throw invalid(`stream: ${stream.slice(0, 40)} is not served here (user, user:notification)`);
  userOf(c);
  const since = startOf(c);
  return streamSSE(c, async (sse) => {
    let end = () => {};
    const gone = new Promise<void>((resolve) => ((end = resolve), sse.onAbort(resolve)));
    const stops: (() => Promise<void>)[] = [];
    const heartbeat = setInterval(() => void sse.write(":thump\n\n"), 15_000);
    try {
      // A token taken back (by the app, or by the member in their profile) ends its streams at once;
      // one deleted with its member, within the safety check's minute.
      const { db, listen } = c.var.deps;
      const tokenId = c.var.token!.tokenId;
      stops.push(await watchChannel(listen, TOKEN_REVOKED_CHANNEL, async () => void (!(await tokenStands(db, tokenId)) && end())));
      await watch(c, stream, since, sse, stops);
      // Listening from here on: the app may count on it.
      await sse.write(":)\n\n");
      await gone;
    } finally {
      clearInterval(heartbeat);
      for (const stop of stops) await stop();
    }
  });
}

export function sseRoutes() {
  const app = mastodonRouter();
  app.get("/api/v1/streaming/health", (c) => c.text("OK"));
  app.get("/api/v1/streaming/user", scope("read:notifications", "read:statuses"), (c) => serve(c, "user"));
  app.get("/api/v1/streaming/user/notification", scope("read:notifications"), (c) => serve(c, "user:notification"));
  // The WebSocket form arrives here too when no server upgraded it (app.request in tests): 400 then.
  app.get("/api/v1/streaming", scope("read:notifications", "read:statuses"), (c) => {
    if (c.req.header("Upgrade")?.toLowerCase() === "websocket") throw invalid("WebSocket upgrade is only served by the Node server");
    return serve(c, c.req.query("stream") ?? "user");
  });
  return app;
}
