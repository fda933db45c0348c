// Reports between two real instances over HTTPS, signed: A ("lilas") and B
// ("tilleuls") follow each other. A member of B reports a public offer of A's
// member and asks to forward it: B sends a Flag from its instance actor, and
// A's animators find the report in their queue, marked with B's server, with
// no trace of who reported. And the other way round, from A to B.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, B, dumpLogsOnFailure, SETUP_TIMEOUT_MS, since, startInstances, waitFor, type ApiClient, type Fleet, type Instance } from "../helpers/instances.ts";
import { DELIVERY_TIMEOUT_MS, follow } from "./steps.ts";

let fleet: Fleet;
let a: Instance, b: Instance;
let amelie: ApiClient; // animator of lilas (A)
let alice: ApiClient; // member of lilas (A)
let bruno: ApiClient; // animator of tilleuls (B)
let benoit: ApiClient; // member of tilleuls (B)

const listOf = async (client: ApiClient, slug: string, q: string) =>
  (await client.expect(200, "GET", `/api/networks/${slug}/offers?q=${encodeURIComponent(q)}`)).body.offers as any[];

beforeAll(async () => {
  const started = Date.now();
  fleet = await startInstances([
    { ...A, network: { slug: "lilas", name: "Les Lilas", animator: "amelie" } },
    { ...B, network: { slug: "tilleuls", name: "Les Tilleuls", animator: "bruno" } },
  ]);
  [a, b] = fleet.instances;
  amelie = a.animator;
  bruno = b.animator;
  [alice, benoit] = await Promise.all([a.invitedBy(amelie, "lilas", "alice"), b.invitedBy(bruno, "tilleuls", "benoit")]);
  await follow(alice, `tilleuls@${B.ip}`, `https://${B.ip}/n/tilleuls`);
  await follow(benoit, `lilas@${A.ip}`, `https://${A.ip}/n/lilas`);
  console.log(`moderation: 2 instances in ${since(started)}`);
}, SETUP_TIMEOUT_MS);
afterAll(() => fleet?.dispose());
dumpLogsOnFailure(() => fleet);

/** `poster` posts a public offer; `reader` (the other instance) sees it in its list and reports it, forwarded. */
async function reportAcross(poster: ApiClient, posterSlug: string, reader: ApiClient, readerSlug: string, title: string, comment: string) {
  const offer = (await poster.expect(201, "POST", `/api/networks/${posterSlug}/offers`, { kind: "offer", theme: "don", title, body: "Promo !", visibility: "public" })).body.offer;
  const seen = await waitFor(`${title} on the other side`, async () => (await listOf(reader, readerSlug, title.split(" ")[0]))[0], { timeoutMs: DELIVERY_TIMEOUT_MS });
  const report = await reader.expect(201, "POST", "/api/reports", { subjectType: "offer", subjectId: seen.id, reason: "promotion", comment, forward: true });
  expect(report.body.report).toMatchObject({ forward: true, status: "open" });
  return offer;
}

async function queueOf(animator: ApiClient, slug: string, offerId: string) {
  return waitFor("the forwarded report in the queue", async () => {
    const { reports } = (await animator.expect(200, "GET", `/api/networks/${slug}/moderation`)).body;
    return (reports as any[]).find((r) => r.subject.id === offerId);
  }, { timeoutMs: DELIVERY_TIMEOUT_MS });
}

describe("a report forwarded between servers", () => {
  it("from B about A's member: a Flag reaches A's animators, marked with B, without the reporter", async () => {
    const offer = await reportAcross(alice, "lilas", benoit, "tilleuls", "Cosmétiques Lumina en vente", "Vente déguisée");
    const report = await queueOf(amelie, "lilas", offer.id);
    expect(report).toMatchObject({ reporter: null, fromHost: B.ip, comment: "Vente déguisée", target: { member: { handle: "alice" } }, snapshot: { title: "Cosmétiques Lumina en vente" } });
    expect(JSON.stringify(report)).not.toMatch(/benoit/i);
    const notes = (await amelie.expect(200, "GET", "/api/me/notifications")).body.notifications as any[];
    expect(notes.find((n) => n.kind === "moderation.report")).toMatchObject({ from: B.ip, subject: { path: "/n/lilas/moderation" } });
    // The reporter's own instance kept it, with its forward date.
    const [mine] = (await benoit.expect(200, "GET", "/api/me/reports")).body.reports;
    expect(mine.forward).toBe(true);
  });

  it("from A about B's member: the same, the other way", async () => {
    const offer = await reportAcross(benoit, "tilleuls", alice, "lilas", "Panneaux Solaria à prix d'ami", "Démarchage");
    const report = await queueOf(bruno, "tilleuls", offer.id);
    expect(report).toMatchObject({ reporter: null, fromHost: A.ip, comment: "Démarchage", target: { member: { handle: "benoit" } } });
    expect(JSON.stringify(report)).not.toMatch(/alice/i);
  });
});
