// The commons library through the API, on one instance: two partner networks
// (lilas, tilleuls) and an outsider (ailleurs). Add, edit (versions), search
// together with the partner's library, adopt and adapt, licence rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let sophie: Client; // animator of lilas
let lea: Client; // member of lilas
let paul: Client; // animator of tilleuls
let marie: Client; // member of tilleuls
let olivier: Client; // member of ailleurs
let fiche: { id: string; url: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t, "lilas");
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  await admin.post("/api/networks", { slug: "ailleurs", name: "Ailleurs" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  lea = await joinWith(t, sophie, "lea", "lilas");
  paul = await joinWith(t, admin, "paul", "tilleuls", "animator");
  marie = await joinWith(t, paul, "marie", "tilleuls");
  olivier = await joinWith(t, admin, "olivier", "ailleurs");
  expect((await sophie.post("/api/networks/lilas/partnerships", { partner: "tilleuls" })).status).toBe(201);
  const incoming = (await paul.get("/api/networks/tilleuls/partnerships")).body.partnerships[0];
  expect((await paul.post(`/api/networks/tilleuls/partnerships/${incoming.id}/accept`)).status).toBe(200);
});
afterAll(() => t.close());

const titles = async (client: Client, slug: string, query = "") =>
  (await client.get(`/api/networks/${slug}/commons${query}`)).body.items.map((i: { title: string }) => i.title);

describe("adding resources", () => {
  it("lets an animator add a fiche: CC BY-SA by default, version 1, Markdown rendered inert", async () => {
    const res = await sophie.post("/api/networks/lilas/commons", {
      kind: "fiche",
      title: "Animer un café-rencontre",
      summary: "Accueillir, écouter, relier",
      body: "# Accueil\n\nServir le **café** <script>alert(1)</script> [lien](javascript:alert(1)) <img src=x onerror=alert(1)>",
      tags: ["café", "accueil"],
      themes: ["conseils"],
      authors: ["Sophie", "Amélie"],
      visibility: "partners",
    });
    expect(res.status).toBe(201);
    const r = res.body.resource;
    expect(r).toMatchObject({ licence: "CC-BY-SA-4.0", licenceUrl: "https://creativecommons.org/licenses/by-sa/4.0/", version: 1, url: `https://maillage.test/n/lilas/r/${r.id}` });
    expect(r.bodyHtml).toContain("<h1>Accueil</h1>");
    expect(r.bodyHtml).toContain("<strong>café</strong>");
    expect(r.bodyHtml).not.toMatch(/<script|<img|href="javascript/);
    expect(r.bodyHtml).toContain("&lt;script&gt;");
    fiche = r;
  });

  it("refuses bad input naming the field, and plain members unless the network allows them", async () => {
    const empty = await sophie.post("/api/networks/lilas/commons", { kind: "fiche", title: "  " });
    expect(empty).toMatchObject({ status: 400, body: { error: { code: "title_empty", field: "title" } } });
    const kind = await sophie.post("/api/networks/lilas/commons", { kind: "poster", title: "x" });
    expect(kind.body.error.field).toBe("kind");
    const licence = await sophie.post("/api/networks/lilas/commons", { kind: "fiche", title: "x", licence: "GPL" });
    expect(licence.body.error.field).toBe("licence");
    const member = await lea.post("/api/networks/lilas/commons", { kind: "fiche", title: "Ma fiche" });
    expect(member).toMatchObject({ status: 403, body: { error: { code: "commons_animators_only" } } });
    expect((await sophie.request("PUT", "/api/networks/lilas/commons/settings", { membersMayAdd: true })).status).toBe(200);
    const allowed = await lea.post("/api/networks/lilas/commons", { kind: "kit", title: "Kit jardin partagé", body: "Des graines", visibility: "network" });
    expect(allowed.status).toBe(201);
    expect((await olivier.post("/api/networks/lilas/commons", { kind: "fiche", title: "x" })).status).toBe(403);
  });
});

describe("versions", () => {
  it("keeps the history: readers see the latest and open earlier versions", async () => {
    const edited = await sophie.patch(`/api/resources/${fiche.id}`, { title: "Animer un café-rencontre convivial", body: "Nouvelle version" });
    expect(edited.status).toBe(200);
    expect(edited.body.resource.version).toBe(2);
    const versions = (await marie.get(`/api/resources/${fiche.id}/versions`)).body.versions;
    expect(versions.map((v: { number: number; title: string }) => [v.number, v.title])).toEqual([
      [2, "Animer un café-rencontre convivial"],
      [1, "Animer un café-rencontre"],
    ]);
    const first = await marie.get(`/api/resources/${fiche.id}/versions/1`);
    expect(first.body.version.bodyHtml).toContain("<h1>Accueil</h1>");
    expect((await marie.get(`/api/resources/${fiche.id}/versions/9`)).status).toBe(404);
  });

  it("lets only its author or an animator edit", async () => {
    expect((await lea.patch(`/api/resources/${fiche.id}`, { title: "Pris" })).body.error.code).toBe("not_resource_editor");
    expect((await marie.patch(`/api/resources/${fiche.id}`, { title: "Pris" })).status).toBe(403);
  });
});

describe("browsing and searching with partners", () => {
  it("shows a partner network's shared resources with their source, never its network-only ones", async () => {
    const items = (await marie.get("/api/networks/tilleuls/commons")).body.items;
    expect(items).toEqual([expect.objectContaining({ title: "Animer un café-rencontre convivial", own: false, source: expect.objectContaining({ slug: "lilas", name: "Les Lilas", local: true }) })]);
    expect(await titles(lea, "lilas")).toEqual(["Animer un café-rencontre convivial", "Kit jardin partagé"]);
    expect(await titles(olivier, "ailleurs")).toEqual([]);
    expect(await titles(t.client(), "lilas")).toEqual([]);
    expect((await olivier.get(`/api/resources/${fiche.id}`)).status).toBe(404);
    expect((await marie.get(`/api/resources/${fiche.id}`)).status).toBe(200);
  });

  it("searches in French (accents, plurals, prefixes) and filters by kind, theme, licence and network", async () => {
    expect(await titles(marie, "tilleuls", "?q=cafes")).toEqual(["Animer un café-rencontre convivial"]);
    expect(await titles(marie, "tilleuls", "?q=conviv")).toEqual(["Animer un café-rencontre convivial"]);
    expect(await titles(lea, "lilas", "?q=jardin")).toEqual(["Kit jardin partagé"]);
    expect(await titles(lea, "lilas", "?kind=kit")).toEqual(["Kit jardin partagé"]);
    expect(await titles(lea, "lilas", "?theme=conseils")).toEqual(["Animer un café-rencontre convivial"]);
    expect(await titles(lea, "lilas", "?licence=CC0-1.0")).toEqual([]);
    expect(await titles(marie, "tilleuls", "?network=lilas")).toHaveLength(1);
    expect(await titles(marie, "tilleuls", "?scope=own")).toEqual([]);
  });
});

describe("adopting and adapting", () => {
  it("adopts as a reference that follows the original, once", async () => {
    const adopted = await paul.post("/api/networks/tilleuls/commons/adopted", { origin: fiche.url });
    expect(adopted.status).toBe(201);
    expect((await paul.post("/api/networks/tilleuls/commons/adopted", { origin: fiche.url })).status).toBe(409);
    await sophie.patch(`/api/resources/${fiche.id}`, { summary: "Mis à jour" });
    const refs = (await marie.get("/api/networks/tilleuls/commons/adopted")).body.references;
    expect(refs).toEqual([expect.objectContaining({ id: fiche.url, summary: "Mis à jour", available: true })]);
    expect((await olivier.post("/api/networks/ailleurs/commons/adopted", { origin: fiche.url })).status).toBe(403);
  });

  it("adapts into an editable copy with the attribution chain; BY-SA stays BY-SA and the attribution cannot be dropped", async () => {
    const wrong = await paul.post("/api/networks/tilleuls/commons/adaptations", { origin: fiche.url, licence: "CC-BY-4.0" });
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: "licence_sharealike", field: "licence" } } });
    const res = await paul.post("/api/networks/tilleuls/commons/adaptations", { origin: fiche.url, visibility: "partners" });
    expect(res.status).toBe(201);
    const copy = res.body.resource;
    expect(copy).toMatchObject({ licence: "CC-BY-SA-4.0", attributionRequired: true, title: "Animer un café-rencontre convivial" });
    expect(copy.attribution).toEqual(["Adapté de « Animer un café-rencontre convivial » du réseau Les Lilas (Sophie, Amélie), CC BY-SA 4.0"]);
    const relicence = await paul.patch(`/api/resources/${copy.id}`, { licence: "CC0-1.0" });
    expect(relicence.body.error).toMatchObject({ code: "licence_sharealike", field: "licence" });
    const drop = await paul.patch(`/api/resources/${copy.id}`, { dropAttribution: true });
    expect(drop.body.error).toMatchObject({ code: "attribution_required", field: "derivation" });
    const edited = await paul.patch(`/api/resources/${copy.id}`, { body: "Notre version, aux Tilleuls" });
    expect(edited.body.resource).toMatchObject({ version: 2, derivation: [expect.objectContaining({ id: fiche.url, networkName: "Les Lilas" })] });
  });

  it("refuses to adapt an all-rights-reserved resource, while adopting it is fine", async () => {
    const arr = (await sophie.post("/api/networks/lilas/commons", { kind: "formation", title: "Support protégé", licence: "all-rights-reserved", visibility: "partners" })).body.resource;
    const res = await paul.post("/api/networks/tilleuls/commons/adaptations", { origin: arr.url });
    expect(res).toMatchObject({ status: 403, body: { error: { code: "licence_forbids_adaptation", field: "licence" } } });
    expect((await paul.post("/api/networks/tilleuls/commons/adopted", { origin: arr.url })).status).toBe(201);
  });

  it("shows a removed original as no longer available; the adaptation keeps its content and attribution", async () => {
    expect((await sophie.delete(`/api/resources/${fiche.id}`)).status).toBe(204);
    const refs = (await marie.get("/api/networks/tilleuls/commons/adopted")).body.references;
    expect(refs.find((r: { id: string }) => r.id === fiche.url)).toMatchObject({ available: false });
    const own = (await marie.get("/api/networks/tilleuls/commons?scope=own")).body.items;
    expect(own).toEqual([expect.objectContaining({ title: "Animer un café-rencontre convivial", attribution: [expect.stringContaining("Les Lilas")] })]);
  });
});

describe("files", () => {
  const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

  it("attaches an uploaded PDF, served with its type and inline to members and partners' members only", async () => {
    const up = await sophie.upload("/api/networks/lilas/media", pdf, "fiche café.pdf", { purpose: "document" });
    expect(up.status).toBe(201);
    const res = await sophie.post("/api/networks/lilas/commons", { kind: "fiche", title: "Fiche avec PDF", visibility: "partners", media: [up.body.media.id] });
    expect(res.status).toBe(201);
    const [file] = res.body.resource.files;
    expect(file).toMatchObject({ contentType: "application/pdf", name: "fiche-café.pdf" });
    const path = new URL(file.url).pathname;
    const served = await marie.get(path);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("application/pdf");
    expect(served.headers.get("content-disposition")).toMatch(/^inline/);
    expect((await t.client().get(path)).status).toBe(404);
    expect((await olivier.get(path)).status).toBe(404);
  });

  it("refuses a file whose content is not what its name says, and someone else's upload, saving nothing", async () => {
    const fake = await sophie.upload("/api/networks/lilas/media", new TextEncoder().encode("MZ\x90\x00 not a pdf \x00\x01"), "fiche.pdf", { purpose: "document" });
    expect(fake).toMatchObject({ status: 400, body: { error: { code: "file_type_refused", field: "file" } } });
    const leas = await lea.upload("/api/networks/lilas/media", pdf, "a-moi.pdf", { purpose: "document" });
    const before = await titles(sophie, "lilas", "?scope=own");
    const res = await sophie.post("/api/networks/lilas/commons", { kind: "fiche", title: "Vol de fichier", media: [leas.body.media.id] });
    expect(res).toMatchObject({ status: 404, body: { error: { code: "media_not_found", field: "media" } } });
    expect(await titles(sophie, "lilas", "?scope=own")).toEqual(before);
  });
});
