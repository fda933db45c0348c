// Partner back-fill between two real instances over HTTPS: A (lilas) and B
// (tilleuls) each share things before they become partners. When B accepts
// A's request, each receives what the other already shares with partners —
// current offers, coming events, resources — and never what is kept for the
// network. A remote offer names its real network and its hashtags lead there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, B, dumpLogsOnFailure, SETUP_TIMEOUT_MS, since, startInstances, waitFor, type ApiClient, type Fleet, type Instance } from "../helpers/instances.ts";
import { DELIVERY_TIMEOUT_MS } from "./steps.ts";

let fleet: Fleet;
let a: Instance, b: Instance;
let amelie: ApiClient; // animator of lilas (A)
let bruno: ApiClient; // animator of tilleuls (B)
let alice: ApiClient; // member of lilas (A)
let benoit: ApiClient; // member of tilleuls (B)

const LILAS = `https://${A.ip}/n/lilas`;
const TILLEULS = `https://${B.ip}/n/tilleuls`;
const nextYear = new Date().getFullYear() + 1;

beforeAll(async () => {
  const started = Date.now();
  fleet = await startInstances([
    { ...A, network: { slug: "lilas", name: "Les Lilas", animator: "amelie" } },
    { ...B, network: { slug: "tilleuls", name: "Les Tilleuls", animator: "bruno" } },
  ]);
  [a, b] = fleet.instances;
  [amelie, bruno] = [a.animator, b.animator];
  [alice, benoit] = await Promise.all([a.invitedBy(amelie, "lilas", "alice"), b.invitedBy(bruno, "tilleuls", "benoit")]);
  console.log(`partner back-fill: 2 instances in ${since(started)}`);
}, SETUP_TIMEOUT_MS);
afterAll(() => fleet?.dispose());
dumpLogsOnFailure(() => fleet);

const offer = (client: ApiClient, slug: string, title: string, visibility: string, body = "") =>
  client.expect(201, "POST", `/api/networks/${slug}/offers`, { kind: "offer", theme: "pret-de-materiel", title, body, visibility });
const event = (client: ApiClient, slug: string, title: string, visibility: string, year = nextYear) =>
  client.expect(201, "POST", `/api/networks/${slug}/events`, {
    kind: "atelier", title, startsAt: `${year}-06-06T14:00`, endsAt: `${year}-06-06T17:00`, place: { name: "Salle commune", locality: "Nantes" }, visibility,
  });
const titles = (list: { title: string }[]) => list.map((x) => x.title).sort();

describe("partners receive what was shared before the partnership", () => {
  beforeAll(async () => {
    // A shares with partners before having any; some things stay in the network.
    await offer(alice, "lilas", "Escabeau à prêter", "partners", "Un escabeau de 5 marches #bricolage");
    await offer(alice, "lilas", "Secret des Lilas", "network");
    await event(amelie, "lilas", "Atelier réparation", "partners");
    await event(amelie, "lilas", "Réunion d'animation", "network");
    await amelie.expect(201, "POST", "/api/networks/lilas/commons", { kind: "fiche", title: "Animer un café-rencontre", visibility: "partners" });
    await amelie.expect(201, "POST", "/api/networks/lilas/commons", { kind: "fiche", title: "Notes internes", visibility: "network" });
    // B too, in the other direction.
    await offer(benoit, "tilleuls", "Graines de tomates", "public");
    await event(bruno, "tilleuls", "Fête des Tilleuls", "partners");
    // A withdrawn offer is not current: it is not sent.
    const gone = (await offer(benoit, "tilleuls", "Tondeuse (retirée)", "partners")).body.offer;
    await benoit.expect(200, "POST", `/api/offers/${gone.id}/withdraw`);

    await amelie.expect(201, "POST", "/api/networks/lilas/partnerships", { partner: `tilleuls@${B.ip}` });
    const incoming = await waitFor("A's request on B", async () =>
      ((await bruno.expect(200, "GET", "/api/networks/tilleuls/partnerships")).body.partnerships as { id: string; state: string; partner: { actorId: string } }[])
        .find((p) => p.partner.actorId === LILAS && p.state === "incoming"), { timeoutMs: DELIVERY_TIMEOUT_MS });
    await bruno.expect(200, "POST", `/api/networks/tilleuls/partnerships/${incoming.id}/accept`);
  });

  it("B's members get A's current offer, coming event and resource, and nothing kept for A's network", async () => {
    const offers = await waitFor("A's offer on B", async () => {
      const list = (await benoit.expect(200, "GET", "/api/networks/tilleuls/offers")).body.offers as any[];
      return list.some((o) => o.title === "Escabeau à prêter") ? list : undefined;
    }, { timeoutMs: DELIVERY_TIMEOUT_MS });
    const escabeau = offers.find((o) => o.title === "Escabeau à prêter");
    // Its real network, by name and address; its hashtags lead to that network, not to an empty /n/.
    expect(escabeau.network).toEqual({ slug: null, name: "Les Lilas", url: LILAS, remote: true });
    expect(escabeau.bodyHtml).toContain(`href="${LILAS}?tag=bricolage"`);
    expect(escabeau.bodyHtml).not.toContain("/n/?tag=");
    const detail = (await benoit.expect(200, "GET", `/api/offers/${escabeau.id}`)).body.offer;
    expect(detail.network.name).toBe("Les Lilas");

    // Remote partners' events come as `remote`, named and linked to their network.
    const events = await waitFor("A's event on B", async () => {
      const list = (await benoit.expect(200, "GET", "/api/networks/tilleuls/partner-events")).body.remote as any[];
      return list.some((e) => e.name === "Atelier réparation") ? list : undefined;
    }, { timeoutMs: DELIVERY_TIMEOUT_MS });
    expect(events.find((e) => e.name === "Atelier réparation").network).toMatchObject({ id: LILAS, name: "Les Lilas" });
    const resources = await waitFor("A's resource on B", async () => {
      const list = (await bruno.expect(200, "GET", "/api/networks/tilleuls/commons?scope=partners")).body.items as any[];
      return list.some((r) => r.title === "Animer un café-rencontre") ? list : undefined;
    }, { timeoutMs: DELIVERY_TIMEOUT_MS });

    expect(titles(offers)).not.toContain("Secret des Lilas");
    expect(events.map((e) => e.name)).not.toContain("Réunion d'animation");
    expect(titles(resources)).not.toContain("Notes internes");
  });

  it("A's members get B's current offers and coming events the same way, never a withdrawn one", async () => {
    const offers = await waitFor("B's offer on A", async () => {
      const list = (await alice.expect(200, "GET", "/api/networks/lilas/offers")).body.offers as any[];
      return list.some((o) => o.title === "Graines de tomates") ? list : undefined;
    }, { timeoutMs: DELIVERY_TIMEOUT_MS });
    expect(offers.find((o) => o.title === "Graines de tomates").network).toMatchObject({ name: "Les Tilleuls", url: TILLEULS, remote: true });
    await waitFor("B's event on A", async () =>
      ((await alice.expect(200, "GET", "/api/networks/lilas/partner-events")).body.remote as any[]).find((e) => e.name === "Fête des Tilleuls"),
    { timeoutMs: DELIVERY_TIMEOUT_MS });
    expect(titles(offers)).not.toContain("Tondeuse (retirée)");
  });
});
