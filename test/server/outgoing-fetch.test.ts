// Every remote request has a deadline and a bounded JSON answer, and carries
// our User-Agent (issue #17 item 4, issue #10 item 6).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitedFetch, ResponseTooLargeError } from "../../server/http/outgoing-fetch.ts";

const LOOPBACK = `${process.env.MAILLAGE_TEST_LOOPBACK ?? "127.0.0"}.9`;
let server: Server;
let origin: string;
const seen: { method: string; ua: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method!, ua: req.headers["user-agent"], body });
      if (req.url === "/never") return; // an @context URL that never answers
      if (req.url === "/huge") {
        res.writeHead(200, { "content-type": "application/ld+json" });
        const chunk = `"${"x".repeat(64 * 1024)}",`;
        res.write("[");
        for (let i = 0; i < 64; i++) res.write(chunk); // ~4 MiB, no content-length
        return res.end('""]');
      }
      if (req.url === "/declared") {
        res.writeHead(200, { "content-type": "application/activity+json", "content-length": String(3 * 1024 * 1024) });
        return res.end();
      }
      res.writeHead(200, { "content-type": "application/activity+json" }).end('{"id":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  origin = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const limited = limitedFetch(fetch, { userAgent: "Maillage/1.2.3 (+https://maillage.test/)", timeoutMs: 300 });

describe("outgoing requests", () => {
  it("carry our User-Agent, GETs and POSTs alike, and pass the body on", async () => {
    expect(await (await limited(`${origin}/doc`)).json()).toEqual({ id: "ok" });
    await limited(`${origin}/inbox`, { method: "POST", body: '{"type":"Create"}', headers: { "content-type": "application/activity+json" } });
    expect(seen.at(-2)).toMatchObject({ method: "GET", ua: "Maillage/1.2.3 (+https://maillage.test/)" });
    expect(seen.at(-1)).toMatchObject({ method: "POST", ua: "Maillage/1.2.3 (+https://maillage.test/)", body: '{"type":"Create"}' });
  });

  it("give up on a server that never answers", async () => {
    const started = Date.now();
    await expect(limited(`${origin}/never`)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuse a JSON answer larger than the limit, declared or not", async () => {
    await expect(limited(`${origin}/declared`)).rejects.toBeInstanceOf(ResponseTooLargeError);
    const slow = limitedFetch(fetch, { userAgent: "Maillage/1 (+https://m.test/)", timeoutMs: 10_000 });
    await expect((await slow(`${origin}/huge`)).json()).rejects.toThrow(/larger than/);
  });
});
