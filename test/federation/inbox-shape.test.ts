// A hostile activity cannot freeze the server (issue #17 item 4): an inbox
// POST nested deeper than 64 levels or with too many elements is refused with
// 400 before any JSON-LD work, and /healthz answers meanwhile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonShapeProblem } from "../../server/http/json-shape.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { withNetwork } from "../helpers/app.ts";

let t: FederatedTestApp;
beforeAll(async () => {
  t = await createFederatedTestApp();
  await withNetwork(t);
});
afterAll(() => t.close());

/** A Note whose inReplyTo chain is `depth` levels deep (~90 bytes a level). */
function nested(depth: number) {
  let object: Record<string, unknown> = { type: "Note", id: "https://evil.example/notes/0", content: "fin" };
  for (let i = 1; i < depth; i++) object = { type: "Note", id: `https://evil.example/notes/${i}`, content: `niveau ${i}`, inReplyTo: object };
  return {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: "https://evil.example/activities/1",
    type: "Create",
    actor: "https://evil.example/users/mallory",
    object,
  };
}

const post = (path: string, body: string) =>
  t.app.fetch(new Request(`${APP_ORIGIN}${path}`, { method: "POST", headers: { "content-type": "application/activity+json" }, body }));

describe("inbox body shape", () => {
  // The bounds leave room for CI, where both suites share 2 cores (/healthz took
  // 122 ms there once): without the shape check, this request took 12 s.
  it("refuses a 1,000-level activity with 400 at once, while /healthz answers within 500 ms", async () => {
    const body = JSON.stringify(nested(1_000));
    expect(body.length).toBeGreaterThan(80_000);
    const started = performance.now();
    const refused = post("/inbox", body);
    const health = await t.app.fetch(new Request(`${APP_ORIGIN}/healthz`));
    const healthMs = performance.now() - started;
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(500);
    const res = await refused;
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "json_too_deep", field: "body" } });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("refuses it on personal inboxes too, and a flat activity with too many elements", async () => {
    expect((await post("/n/lilas/inbox", JSON.stringify(nested(65)))).status).toBe(400);
    const wide = { ...nested(1), tag: Array.from({ length: 12_000 }, (_, i) => i) };
    const res = await post("/inbox", JSON.stringify(wide));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("json_too_large");
  });

  it("lets an ordinary activity through to the signature check (unsigned: 401)", async () => {
    expect((await post("/inbox", JSON.stringify(nested(3)))).status).toBe(401);
  });

  it("counts depth and elements outside strings only", () => {
    expect(jsonShapeProblem('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')).toBeNull();
    expect(jsonShapeProblem("[".repeat(64) + "]".repeat(64))).toBeNull();
    expect(jsonShapeProblem("[".repeat(65) + "]".repeat(65))).toBe("too_deep");
    expect(jsonShapeProblem(JSON.stringify({ s: 'a \\" [[[ "' }), 2)).toBeNull();
    expect(jsonShapeProblem(JSON.stringify(Array.from({ length: 100 }, () => 12345)), 64, 100)).toBe("too_many_elements");
    expect(jsonShapeProblem(JSON.stringify(Array.from({ length: 99 }, () => 12345)), 64, 100)).toBeNull();
  });
});
