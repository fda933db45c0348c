// Refusals before Hono (Node's HTTP parser, the adapter) carry the JSON error
// shape, over a real socket.
import { connect } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeServer, listen } from "../../server/http/node-server.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let server: Server;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  server = createNodeServer(t.app.fetch);
  await listen(server, 0, "127.0.0.1");
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** Sends raw bytes; returns the status and the parsed JSON body of the first response. */
function raw(text: string): Promise<{ status: number; body: any; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let out = "";
    const done = () => {
      socket.destroy();
      const [head, ...rest] = out.split("\r\n\r\n");
      const status = Number(head.split(" ")[1]);
      let body = rest.join("\r\n\r\n");
      if (/transfer-encoding: chunked/i.test(head)) body = body.replace(/^[0-9a-f]+\r\n/, "").replace(/\r\n0\r\n\r\n$/, "");
      try {
        resolve({ status, body: JSON.parse(body), head });
      } catch {
        reject(new Error(`not JSON: ${JSON.stringify(out.slice(0, 400))}`));
      }
    };
    socket.on("data", (d) => {
      out += d;
      const [head, ...rest] = out.split("\r\n\r\n");
      const length = /content-length: (\d+)/i.exec(head)?.[1];
      if (length !== undefined && Buffer.byteLength(rest.join("\r\n\r\n")) >= Number(length)) done();
      else if (/transfer-encoding: chunked/i.test(head) && out.endsWith("\r\n0\r\n\r\n")) done();
    });
    socket.on("end", done);
    socket.on("error", reject);
  });
}

const jsonError = (res: { status: number; body: any; head: string }, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.head).toMatch(/content-type: application\/json/i);
  expect(res.body.error).toMatchObject({ code });
  expect(typeof res.body.error.message).toBe("string");
};

describe("refusals before the app", () => {
  it("a URL over 16 KB: 414 with the JSON error", async () => {
    jsonError(await raw(`GET /api/networks?q=${"a".repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`), 414, "uri_too_long");
  });

  it("headers over 16 KB: 431 with the JSON error", async () => {
    jsonError(await raw(`GET /api/networks HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"b".repeat(20_000)}\r\n\r\n`), 431, "headers_too_large");
  });

  it("malformed HTTP: 400 with the JSON error", async () => {
    jsonError(await raw("HELLO WORLD\r\n\r\n"), 400, "malformed_request");
    jsonError(await raw("GET / HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n"), 400, "malformed_request");
  });

  it("a bad Host header: 400 with the JSON error", async () => {
    jsonError(await raw("GET /api/networks HTTP/1.1\r\nHost: a b/c\r\n\r\n"), 400, "malformed_request");
  });

  it.each([
    ["GET", "/api/session"],
    ["DELETE", "/api/me"],
  ])("%s %s with a chunked body: a JSON answer, never an empty one", async (method, path) => {
    const res = await raw(`${method} ${path} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n2\r\n{}\r\n0\r\n\r\n`);
    expect(res.status).toBeLessThan(500);
    expect(res.head).toMatch(/content-type: application\/json/i);
    if (res.status >= 400) expect(res.body.error.code).toEqual(expect.any(String));
  });

  it("every answer carries a request id", async () => {
    const res = await raw("GET /api/networks/nowhere HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect(res.status).toBe(404);
    expect(res.head).toMatch(/x-request-id: [\w-]+/i);
  });
});
