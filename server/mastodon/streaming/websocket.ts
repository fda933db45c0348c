// The WebSocket form of /api/v1/streaming, on the Node server (`ws`): the app
// subscribes to `user` or `user:notification`; each new notification arrives
// as { stream, event: "notification", payload: "<JSON>" }, as Mastodon sends it.
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { knownStreams, watchNotifications, type Streamed } from "./watch.ts";

type Fetch = (request: Request) => Response | Promise<Response>;

/** The token: ?access_token=, the Authorization header, or Sec-WebSocket-Protocol (browsers cannot set headers). */
function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  return url.searchParams.get("access_token") ?? header ?? req.headers["sec-websocket-protocol"]?.split(",")[0]?.trim();
}

export function attachStreaming(server: Server, fetch: Fetch, origin: string) {
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const startedAt = new Date();
    const url = new URL(req.url ?? "/", origin);
    if (url.pathname !== "/api/v1/streaming" && url.pathname !== "/api/v1/streaming/") return socket.destroy();
    const token = tokenOf(req, url);
    const ask = async (path: string) => fetch(new Request(new URL(path, origin), { headers: { authorization: `Bearer ${token ?? ""}` } }));
    // The token is checked the way every API call checks it.
    const check = token ? await ask("/api/v1/notifications?limit=1").catch(() => null) : null;
    if (!check || check.status !== 200) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, url, ask, startedAt));
  });
  return wss;
}

function serve(ws: WebSocket, url: URL, ask: (path: string) => Promise<Response>, startedAt: Date) {
  const subscriptions = new Map<string, AbortController>();
  const fetchSince = async (since: string): Promise<Streamed[]> => {
    const res = await ask(`/api/v1/notifications?limit=40&since_id=${since}`);
    return res.ok ? ((await res.json()) as Streamed[]) : [];
  };
  const subscribe = (stream: string) => {
    if (!knownStreams.has(stream) || subscriptions.has(stream)) return;
    const stop = new AbortController();
    subscriptions.set(stream, stop);
    void watchNotifications(fetchSince, (n) => ws.send(JSON.stringify({ stream: [stream], event: "notification", payload: JSON.stringify(n) })), stop.signal, startedAt);
  };
  const initial = url.searchParams.get("stream");
  if (initial) subscribe(initial);
  ws.on("message", (data) => {
    let message: { type?: string; stream?: string };
    try {
      message = JSON.parse(String(data));
    } catch {
      return ws.send(JSON.stringify({ error: "Invalid JSON", status: 400 }));
    }
    if (message.type === "subscribe" && message.stream) subscribe(message.stream);
    if (message.type === "unsubscribe" && message.stream) {
      subscriptions.get(message.stream)?.abort();
      subscriptions.delete(message.stream);
    }
  });
  ws.on("close", () => subscriptions.forEach((s) => s.abort()));
}
