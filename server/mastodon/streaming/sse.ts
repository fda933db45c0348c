// GET /api/v1/streaming (server-sent events): `user` and `user:notification`,
// each new notification as `event: notification` with the entity as JSON.
import { streamSSE } from "hono/streaming";
import { invalid, mastodonRouter, scope, userOf, type MastodonContext } from "../http.ts";
import { notificationsOf } from "../notifications/routes.ts";
import { knownStreams, watchNotifications } from "./watch.ts";

function serve(c: MastodonContext, stream: string) {
  if (!knownStreams.has(stream)) throw invalid(`stream: ${stream.slice(0, 40)} is not served here (user, user:notification)`);
  const member = userOf(c);
  const startedAt = new Date();
  return streamSSE(c, async (sse) => {
    const stop = new AbortController();
    sse.onAbort(() => stop.abort());
    const heartbeat = setInterval(() => void sse.write(":thump\n\n").catch(() => stop.abort()), 15_000);
    try {
      await sse.write(":)\n\n");
      await watchNotifications(
        (since) => notificationsOf(c, member, { limit: 40, since }),
        (n) => sse.writeSSE({ event: "notification", data: JSON.stringify(n) }),
        stop.signal,
        startedAt,
      );
    } finally {
      clearInterval(heartbeat);
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
