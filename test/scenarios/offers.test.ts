// Offers between two real instances over HTTPS: A (network "lilas") and B
// ("tilleuls"). A member of A follows B; a public offer posted on B appears in
// A's list, marked with B's network, and its FEP-0837 terms read back; A's
// member says « ça m'intéresse »: B's author sees the interest, nobody else
// does; B's network-only offer never reaches A; withdrawing on B removes it on A.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, B, dumpLogsOnFailure, SETUP_TIMEOUT_MS, since, startInstances, waitFor, type ApiClient, type Fleet, type Instance } from "../helpers/instances.ts";
import { DELIVERY_TIMEOUT_MS, fetchAsActivityPub, follow } from "./steps.ts";

let fleet: Fleet;
let a: Instance, b: Instance;
let alice: ApiClient; // member of lilas (A)
let bruno: ApiClient; // animator of tilleuls (B)
let benoit: ApiClient; // member of tilleuls (B)

const TILLEULS = () => `https://${B.ip}/n/tilleuls`;

beforeAll(async () => {
  const started = Date.now();
  fleet = await startInstances([
    { ...A, network: { slug: "lilas", name: "Les Lilas", animator: "amelie" } },
    { ...B, network: { slug: "tilleuls", name: "Les Tilleuls", animator: "bruno" } },
  ]);
  [a, b] = fleet.instances;
  bruno = b.animator;
  [alice, benoit] = await Promise.all([a.invitedBy(a.animator, "lilas", "alice"), b.invitedBy(bruno, "tilleuls", "benoit")]);
  console.log(`offers: 2 instances in ${since(started)}`);
}, SETUP_TIMEOUT_MS);
afterAll(() => fleet?.dispose());
dumpLogsOnFailure(() => fleet);

const listOnA = async (q: string) => (await alice.expect(200, "GET", `/api/networks/lilas/offers?q=${encodeURIComponent(q)}`)).body.offers as any[];

describe("a public offer on B, seen from A", () => {
  let offer: any;
  let remote: any;

  it("reaches A's member who follows B, marked with B's network", async () => {
    await follow(alice, `tilleuls@${B.ip}`, TILLEULS());
    await benoit.expect(201, "POST", "/api/networks/tilleuls/offers", { kind: "offer", theme: "pret-de-materiel", title: "Secret des Tilleuls", visibility: "network" });
    offer = (await benoit.expect(201, "POST", "/api/networks/tilleuls/offers", {
      kind: "offer", theme: "pret-de-materiel", title: "Perceuses à prêter", body: "Deux perceuses et des mèches.", place: "Bâtiment B", visibility: "public",
    })).body.offer;
    remote = await waitFor("B's offer in A's list", async () => (await listOnA("perceuse"))[0], { timeoutMs: DELIVERY_TIMEOUT_MS });
    expect(remote).toMatchObject({
      title: "Perceuses à prêter", kind: "offer", url: offer.url, place: "Bâtiment B",
      theme: { slug: "pret-de-materiel", labelFr: "Prêt de matériel" },
      network: { name: "Les Tilleuls", remote: true }, remoteAuthor: { id: `https://${B.ip}/m/benoit` },
    });
    expect(remote.body).toContain("Deux perceuses et des mèches.");
    // The network-only one never left B.
    expect(await listOnA("secret")).toEqual([]);
  });

  it("is a Note with FEP-0837 terms at its id", async () => {
    const note = await (await fetchAsActivityPub(offer.url)).json();
    expect(note).toMatchObject({ type: "Note", purpose: "offer", publishes: { type: "Intent", resourceConformsTo: `https://${B.ip}/themes/pret-de-materiel` } });
  });

  it("A's member says « ça m'intéresse »: B's author sees the interest, nobody else", async () => {
    await alice.expect(201, "POST", `/api/offers/${remote.id}/responses`, { message: "Je peux en emprunter une samedi ?" });
    const seen = await waitFor("the interest on B", async () => {
      const detail = (await benoit.expect(200, "GET", `/api/offers/${offer.id}`)).body.offer;
      return detail.conversations.length ? detail : undefined;
    }, { timeoutMs: DELIVERY_TIMEOUT_MS });
    expect(seen.conversations[0].remoteResponder).toMatchObject({ id: `https://${A.ip}/m/alice` });
    expect(seen.conversations[0].messages[0].html).toContain("Je peux en emprunter une samedi ?");
    const notes = (await benoit.expect(200, "GET", "/api/me/notifications")).body;
    expect(notes.unread).toBeGreaterThan(0);
    expect(notes.notifications[0]).toMatchObject({ kind: "offers.interest", subject: { id: offer.id } });
    const others = (await bruno.expect(200, "GET", `/api/offers/${offer.id}`)).body.offer;
    expect(others.conversations).toEqual([]);
    expect(JSON.stringify(others)).not.toContain("samedi ?");
  });

  it("withdrawn on B, it leaves A's list", async () => {
    await benoit.expect(200, "POST", `/api/offers/${offer.id}/withdraw`);
    await waitFor("the offer gone from A", async () => (await listOnA("perceuse")).length === 0, { timeoutMs: DELIVERY_TIMEOUT_MS });
  });
});
