// The Node HTTP server around the app. What Node or the adapter refuses before
// Hono sees a request (headers or URL too large, malformed HTTP, a bad Host)
// gets the same JSON error shape as the API, where HTTP allows a body.
import { createServer as createHttpServer, type Server, STATUS_CODES } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import { getRequestListener } from "@hono/node-server";
import { getLogger } from "@logtape/logtape";

const logger = getLogger(["maillage", "http"]);

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

const errorBody = (code: string, message: string) => JSON.stringify({ error: { code, message } });

export function createNodeServer(fetch: Fetch, options: { tls?: { cert: string; key: string } } = {}): Server {
  const listener = getRequestListener(fetch, {
    // A request the adapter cannot turn into a Request (bad Host, a backslash
    // or an absolute URL in the path): the client's fault.
    errorHandler: (error) => {
      const message = error instanceof Error ? error.message : "Bad request";
      return new Response(errorBody("malformed_request", message), { status: 400, headers: { "content-type": "application/json; charset=utf-8" } });
    },
  });
  const server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  server.on("clientError", refuseMalformed);
  return server;
}

/** Request lines longer than this, in a request whose head is too large, are a URL too long (414). */
const longRequestLine = 8 * 1024;

function refuseMalformed(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] = classify(error);
  const body = errorBody(code, message);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  // The client's mistake: one line, no stack.
  logger.debug("Refused before routing: {status} {code} ({reason})", { status, code, reason: error.code ?? error.message });
}

function classify(error: NodeJS.ErrnoException & { rawPacket?: Buffer }): [number, string, string] {
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW": {
      const head = error.rawPacket?.toString("latin1") ?? "";
      const lineEnd = head.indexOf("\r\n");
      return (lineEnd === -1 ? head.length : lineEnd) > longRequestLine
        ? [414, "uri_too_long", "The URL is too long"]
        : [431, "headers_too_large", "The request headers are too large"];
    }
    case "ERR_HTTP_REQUEST_TIMEOUT":
    case "ERR_HTTP_HEADERS_TIMEOUT":
      return [408, "request_timeout", "The request took too long to arrive"];
    default:
      return [400, "malformed_request", "The request is not valid HTTP"];
  }
}

/** Listens; resolves once the server accepts connections. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}


