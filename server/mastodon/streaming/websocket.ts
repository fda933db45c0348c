// The WebSocket form of /api/v1/streaming, on the Node server (`ws`): the app
// subscribes to `user` or `user:notification`; each event arrives as
// { stream, event, payload } as Mastodon sends it. Each subscription relays the
// server-sent events stream of the same name (sse.ts), asked of the app in
// process: one implementation, the same token and scope checks.
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { knownStreams, sinceHeader } from "./streams.ts";

type Fetch = (request: Request) => Response | Promise<Response>;

/** The token: ?access_token=, the Authorization header, or Sec-WebSocket-Protocol (browsers cannot set headers). */
function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  return url.searchParams.get("access_token") ?? header ?? req.headers["sec-websocket-protocol"]?.split(",")[0]?.trim();
}

export function attachStreaming(server: Server, fetch: Fetch, origin: string) {
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const connectedAt = Date.now();
    const url = new URL(req.url ?? "/", origin);
    if (url.pathname !== "/api/v1/streaming" && url.pathname !== "/api/v1/streaming/") return socket.destroy();
    const token = tokenOf(req, url);
    const ask = async (path: string, extra: Record<string, string> = {}) =>
      fetch(new Request(new URL(path, origin), { headers: { authorization: `Bearer ${token ?? ""}`, ...extra } }));
    // The token is checked the way every API call checks it.
    const check = token ? await ask("/api/v1/streaming/health").catch(() => null) : null;
    if (!check || check.status !== 200) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const open = (stream: string) => ask(`/api/v1/streaming?stream=${encodeURIComponent(stream)}`, { [sinceHeader]: String(connectedAt) });
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, url, open));
  });
  return wss;
}

/** Calls `onEvent` for each event of a server-sent events body, until it ends or is cancelled. */
async function readEvents(reader: ReadableStreamDefaultReader<string>, onEvent: (event: string, data: string) => void) {
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const lines = buffer.slice(0, end).split("\n");
      buffer = buffer.slice(end + 2);
      const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
      const data = lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice(6));
      // Comments (the heartbeat) have neither.
      if (event && data.length) onEvent(event, data.join("\n"));
    }
  }
}

/** The words of a Mastodon error body (`{ "error": "..." }`). */
function errorIn(body: string): string {
  try {
    return (JSON.parse(body) as { error?: string }).error ?? "Could not subscribe";
  } catch {
    return "Could not subscribe";
  }
}

function serve(ws: WebSocket, url: URL, open: (stream: string) => Promise<Response>) {
  const subscriptions = new Map<string, Promise<ReadableStreamDefaultReader<string> | undefined>>();
  const send = (message: object) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
  const subscribe = (stream: string) => {
    // Streams we do not serve (public, hashtag…) stay silent, so that apps subscribing to them too keep working.
    if (!knownStreams.has(stream) || subscriptions.has(stream)) return;
    const reader = open(stream).then((res) => {
      if (!res.ok || !res.body) {
        void res.text().then((text) => send({ error: errorIn(text), status: res.status }));
        return undefined;
      }
      const events = res.body.pipeThrough(new TextDecoderStream()).getReader();
      void readEvents(events, (event, payload) => send({ stream: [stream], event, payload }))
        .catch(() => {})
        // Ended by the server, not unsubscribed (its token was revoked, the server stops): the app reconnects.
        .then(() => subscriptions.get(stream) === subscription && ws.close(1000, "Stream ended"));
      return events;
    });
    const subscription = reader.catch(() => undefined);
    subscriptions.set(stream, subscription);
  };
  const unsubscribe = (stream: string) => {
    // Cancelling the body ends the stream on the server's side (its watches stop).
    void subscriptions.get(stream)?.then((events) => events?.cancel());
    subscriptions.delete(stream);
  };
  const initial = url.searchParams.get("stream");
  if (initial) subscribe(initial);
  ws.on("message", (data) => {
    let message: { type?: string; stream?: string };
    try {
      message = JSON.parse(String(data));
    } catch {
      return send({ error: "Invalid JSON", status: 400 });
    }
    if (message.type === "subscribe" && message.stream) subscribe(message.stream);
    if (message.type === "unsubscribe" && message.stream) unsubscribe(message.stream);
  });
  ws.on("error", () => ws.terminate());
  ws.on("close", () => [...subscriptions.keys()].forEach(unsubscribe));
}
