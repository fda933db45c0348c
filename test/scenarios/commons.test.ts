// The commons between three real instances over HTTPS: A (lilas) and B
// (tilleuls) are partners, B and C (fontaine) too, A and C are not. A shares a
// fiche (with a PDF) with B; B adopts it as a reference and adapts it; C sees
// B's adaptation with its attribution to A, and never A's original; A's update
// reaches B's reference; A's deletion leaves the reference "no longer
// available" while the adaptation keeps its content and attribution. B books
// A's barnum (Offer, answered by Accept or Reject), never twice for the same dates.
// The tests build on each other, in order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, B, C, dumpLogsOnFailure, SETUP_TIMEOUT_MS, since, startInstances, waitFor, type ApiClient, type Fleet, type Instance } from "../helpers/instances.ts";
import { DELIVERY_TIMEOUT_MS } from "./steps.ts";

let fleet: Fleet;
let a: Instance, b: Instance, c: Instance;
let amelie: ApiClient; // animator of lilas (A)
let bruno: ApiClient; // animator of tilleuls (B)
let benoit: ApiClient; // member of tilleuls (B)
let cyril: ApiClient; // animator of fontaine (C)

const LILAS = `https://${A.ip}/n/lilas`;
const TILLEULS = `https://${B.ip}/n/tilleuls`;
const FONTAINE = `https://${C.ip}/n/fontaine`;
const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

interface Item {
  ref: string;
  title: string;
  attribution: string[];
  source: { id: string; name: string };
}

const library = async (client: ApiClient, slug: string): Promise<Item[]> =>
  (await client.expect(200, "GET", `/api/networks/${slug}/commons?scope=partners`)).body.items;
const adopted = async (client: ApiClient, slug: string) => (await client.expect(200, "GET", `/api/networks/${slug}/commons/adopted`)).body.references;

async function partners(asker: ApiClient, askerSlug: string, asked: ApiClient, askedSlug: string, askedHandle: string, askerId: string) {
  await asker.expect(201, "POST", `/api/networks/${askerSlug}/partnerships`, { partner: askedHandle });
  const incoming = await waitFor(
    `the partnership request of ${askerSlug} to reach ${askedSlug}`,
    async () =>
      ((await asked.expect(200, "GET", `/api/networks/${askedSlug}/partnerships`)).body.partnerships as { id: string; state: string; partner: { actorId: string } }[]).find(
        (p) => p.partner.actorId === askerId && p.state === "incoming",
      ),
    { timeoutMs: DELIVERY_TIMEOUT_MS },
  );
  await asked.expect(200, "POST", `/api/networks/${askedSlug}/partnerships/${incoming.id}/accept`);
  await waitFor(
    `${askerSlug}'s side to become active`,
    async () => ((await asker.expect(200, "GET", `/api/networks/${askerSlug}/partnerships`)).body.partnerships as { state: string }[]).find((p) => p.state === "active"),
    { timeoutMs: DELIVERY_TIMEOUT_MS },
  );
}

/** A multipart upload with the client's session, as the browser sends it. */
async function upload(client: ApiClient, slug: string, bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], name));
  form.set("purpose", "document");
  const res = await fetch(new URL(`/api/networks/${slug}/media`, client.instance.origin), {
    method: "POST",
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    body: form,
  });
  expect(res.status).toBe(201);
  return (await res.json()).media as { id: string; url: string };
}

beforeAll(async () => {
  const started = Date.now();
  fleet = await startInstances([
    { ...A, network: { slug: "lilas", name: "Les Lilas", description: "Entraide rue des Lilas", animator: "amelie" } },
    { ...B, network: { slug: "tilleuls", name: "Les Tilleuls", description: "Quartier des Tilleuls", animator: "bruno" } },
    { ...C, network: { slug: "fontaine", name: "La Fontaine", description: "Autour de la fontaine", animator: "cyril" } },
  ]);
  [a, b, c] = fleet.instances;
  [amelie, bruno, cyril] = [a.animator, b.animator, c.animator];
  benoit = await b.invitedBy(bruno, "tilleuls", "benoit");
  await partners(amelie, "lilas", bruno, "tilleuls", `@tilleuls@${B.ip}`, LILAS);
  await partners(cyril, "fontaine", bruno, "tilleuls", `@tilleuls@${B.ip}`, FONTAINE);
  console.log(`commons: 3 instances, A–B and B–C partners, in ${since(started)}`);
}, SETUP_TIMEOUT_MS);
afterAll(() => fleet?.dispose());
dumpLogsOnFailure(() => fleet);

let fiche: { url: string; files: { url: string }[] };
let adaptation: { id: string; url: string };

describe("A shares a fiche with its partner B", () => {
  it("reaches B's library with its source and its file, and not C's", async () => {
    const file = await upload(amelie, "lilas", pdf, "cafe.pdf");
    fiche = (
      await amelie.expect(201, "POST", "/api/networks/lilas/commons", {
        kind: "fiche",
        title: "Animer un café-rencontre",
        summary: "Accueillir et relier les voisins",
        body: "Préparer le **café**, accueillir chacun.",
        authors: ["Amélie"],
        visibility: "partners",
        media: [file.id],
      })
    ).body.resource;
    const item = await waitFor("the fiche in B's library", async () => (await library(benoit, "tilleuls")).find((i) => i.ref === fiche.url), { timeoutMs: DELIVERY_TIMEOUT_MS });
    expect(item.source).toMatchObject({ id: LILAS, name: "Les Lilas" });
    expect(await library(cyril, "fontaine")).toEqual([]);
  });

  it("serves its partner-only file to B's members through B (signed by B), and to nobody unsigned", async () => {
    const fileUrl = fiche.files[0].url;
    expect((await fetch(fileUrl)).status).toBe(404);
    const query = `ref=${encodeURIComponent(fiche.url)}&url=${encodeURIComponent(fileUrl)}`;
    const res = await fetch(new URL(`/api/commons/shared/file?${query}`, b.origin), { headers: { cookie: benoit.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
    expect((await cyril.get(`/api/commons/shared/file?${query}`)).status).toBe(404);
  });
});

describe("B adopts and adapts it; C, partner of B only, sees the adaptation", () => {
  it("B adopts it as a reference and adapts it under CC BY-SA with the attribution to A", async () => {
    await bruno.expect(201, "POST", "/api/networks/tilleuls/commons/adopted", { origin: fiche.url });
    const refused = await bruno.post("/api/networks/tilleuls/commons/adaptations", { origin: fiche.url, licence: "CC0-1.0" });
    expect(refused.body.error).toMatchObject({ code: "licence_sharealike", field: "licence" });
    adaptation = (await bruno.expect(201, "POST", "/api/networks/tilleuls/commons/adaptations", { origin: fiche.url, visibility: "partners" })).body.resource;
    await bruno.expect(200, "PATCH", `/api/resources/${adaptation.id}`, { title: "Café-rencontre aux Tilleuls", body: "Notre façon de faire." });
  });

  it("C sees B's adaptation with its attribution to A", async () => {
    const item = await waitFor(
      "B's adaptation, edited, in C's library",
      async () => (await library(cyril, "fontaine")).find((i) => i.ref === adaptation.url && i.title === "Café-rencontre aux Tilleuls"),
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    expect(item.source).toMatchObject({ id: TILLEULS, name: "Les Tilleuls" });
    expect(item.attribution).toEqual(["Adapté de « Animer un café-rencontre » du réseau Les Lilas (Amélie), CC BY-SA 4.0"]);
    const shown = (await cyril.expect(200, "GET", `/api/commons/shared?ref=${encodeURIComponent(adaptation.url)}`)).body.resource;
    expect(shown).toMatchObject({ licence: "CC-BY-SA-4.0", attributionRequired: true, derivation: [expect.objectContaining({ id: fiche.url, networkId: LILAS })] });
    expect((await library(cyril, "fontaine")).some((i) => i.ref === fiche.url)).toBe(false);
  });

  it("C may adapt B's adaptation in turn: the chain grows and stays CC BY-SA", async () => {
    const again = (await cyril.expect(201, "POST", "/api/networks/fontaine/commons/adaptations", { origin: adaptation.url })).body.resource;
    expect(again.derivation.map((l: { id: string }) => l.id)).toEqual([adaptation.url, fiche.url]);
    expect(again.licence).toBe("CC-BY-SA-4.0");
  });
});

describe("B books A's barnum across instances", () => {
  const day = (n: number) => new Date(Date.UTC(2031, 4, n, 8)).toISOString();
  let barnum: { id: string; url: string };

  it("B asks with an Offer; A's animator sees it on the calendar and accepts; B sees the answer", async () => {
    barnum = (await amelie.expect(201, "POST", "/api/networks/lilas/commons", { kind: "materiel", title: "Barnum 3×3 m", visibility: "partners" })).body.resource;
    await waitFor("the barnum in B's library", async () => (await library(benoit, "tilleuls")).find((i) => i.ref === barnum.url), { timeoutMs: DELIVERY_TIMEOUT_MS });
    const asked = await benoit.expect(201, "POST", "/api/commons/shared/bookings", { ref: barnum.url, network: "tilleuls", startsAt: day(10), endsAt: day(12), message: "Pour la fête des voisins" });
    expect(asked.body.booking.state).toBe("requested");
    const request = await waitFor(
      "B's request on A's calendar",
      async () => ((await amelie.expect(200, "GET", `/api/resources/${barnum.id}/bookings`)).body.bookings as { id: string; state: string; network: { id: string; name: string } }[]).find((b) => b.network.id === TILLEULS),
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    expect(request).toMatchObject({ state: "requested", network: { name: "Les Tilleuls" } });
    await amelie.expect(200, "POST", `/api/bookings/${request.id}/accept`);
    await waitFor(
      "A's Accept at B",
      async () => ((await benoit.expect(200, "GET", "/api/networks/tilleuls/commons/bookings")).body.bookings as { state: string }[]).find((b) => b.state === "accepted"),
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
  });

  it("an overlapping second request cannot be accepted, and its Reject reaches B", async () => {
    await benoit.expect(201, "POST", "/api/commons/shared/bookings", { ref: barnum.url, network: "tilleuls", startsAt: day(11), endsAt: day(13) });
    const second = await waitFor(
      "the second request on A's calendar",
      async () => ((await amelie.expect(200, "GET", `/api/resources/${barnum.id}/bookings`)).body.bookings as { id: string; state: string }[]).find((b) => b.state === "requested"),
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    expect((await amelie.post(`/api/bookings/${second.id}/accept`)).body.error).toMatchObject({ code: "booking_overlap" });
    await amelie.expect(200, "POST", `/api/bookings/${second.id}/decline`);
    await waitFor(
      "A's Reject at B",
      async () => ((await benoit.expect(200, "GET", "/api/networks/tilleuls/commons/bookings")).body.bookings as { state: string }[]).find((b) => b.state === "declined"),
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    // C is no partner of A: it cannot ask.
    expect((await cyril.post("/api/commons/shared/bookings", { ref: barnum.url, network: "fontaine", startsAt: day(20), endsAt: day(21) })).status).toBe(404);
  });
});

describe("A changes its fiche", () => {
  it("A's update reaches B's reference", async () => {
    await amelie.expect(200, "PATCH", `/api/resources/${new URL(fiche.url).pathname.split("/").pop()}`, { title: "Animer un café-rencontre (v2)" });
    await waitFor("the update in B's reference", async () => (await adopted(benoit, "tilleuls")).find((r: { title: string }) => r.title === "Animer un café-rencontre (v2)"), {
      timeoutMs: DELIVERY_TIMEOUT_MS,
    });
  });

  it("A's deletion leaves B's reference 'no longer available'; the adaptation keeps its content and attribution, at B and at C", async () => {
    await amelie.expect(204, "DELETE", `/api/resources/${new URL(fiche.url).pathname.split("/").pop()}`);
    await waitFor("the reference to become unavailable", async () => (await adopted(benoit, "tilleuls")).find((r: { id: string; available: boolean }) => r.id === fiche.url && !r.available), {
      timeoutMs: DELIVERY_TIMEOUT_MS,
    });
    const own = (await benoit.expect(200, "GET", `/api/resources/${adaptation.id}`)).body.resource;
    expect(own).toMatchObject({ title: "Café-rencontre aux Tilleuls", attribution: [expect.stringContaining("Les Lilas")] });
    expect((await library(cyril, "fontaine")).find((i) => i.ref === adaptation.url)?.attribution).toHaveLength(1);
  });
});
