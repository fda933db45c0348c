// The impact figures through the API: the dashboard (JSON, documented in the
// OpenAPI), its CSV, who may see what (the animation group; anyone, totals
// only, once published), bad periods, and the yearly activity report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityReportTable } from "../../../db/schema/index.ts";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../../helpers/app.ts";

let t: TestApp;
let admin: Client; // instance admin: a pilot everywhere
let sophie: Client; // animator of lilas
let rose: Client;
let paul: Client;
let nadia: Client; // animator of tilleuls
let anonymous: Client;
const year = new Date().getFullYear();

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  rose = await joinWith(t, sophie, "rose");
  paul = await joinWith(t, sophie, "paul");
  nadia = await joinWith(t, admin, "nadia", "tilleuls", "animator");
  anonymous = t.client();
  // Rose lends her drill to Paul; Paul asks for a hand, nobody answers yet.
  const drill = (await rose.post("/api/networks/lilas/offers", { kind: "offer", theme: "pret-de-materiel", title: "Perceuse" })).body.offer;
  await paul.post("/api/networks/lilas/offers", { kind: "request", theme: "coups-de-main", title: "Porter un canapé" });
  const interest = (await paul.post(`/api/offers/${drill.id}/responses`, { message: "Pour samedi ?" })).body.offer;
  await rose.post(`/api/offers/${drill.id}/agree`, { conversations: [interest.conversations[0].id] });
  expect((await rose.post(`/api/offers/${drill.id}/done`)).status).toBe(200);
  await paul.post(`/api/offers/${drill.id}/thanks`, { note: "Merci Rose !" });
});
afterAll(() => t.close());

describe("the dashboard", () => {
  it("gives the animation group this year's figures so far, beside last year's", async () => {
    const res = await sophie.get("/api/networks/lilas/impact");
    expect(res.status).toBe(200);
    const f = res.body;
    expect(f.period.from).toBe(`${year}-01-01`);
    // This year so far, beside last year to the same day.
    expect(f.previous).toEqual({ from: `${year - 1}-01-01`, to: `${year - 1}${f.period.to.slice(4)}` });
    expect(f.members.total).toEqual({ current: 3, previous: 0 });
    expect(f.members.active).toEqual({ current: 2, previous: 0 });
    expect(f.offers).toEqual({ offers: { current: 1, previous: 0 }, requests: { current: 1, previous: 0 }, answered: { current: 1, previous: 0 } });
    expect(f.exchanges).toEqual({ done: { current: 1, previous: 0 }, members: { current: 2, previous: 0 }, thanks: { current: 1, previous: 0 } });
    expect(f.themes.map((r: { theme: { slug: string } }) => r.theme.slug)).toEqual(["coups-de-main", "pret-de-materiel"]);
    expect(f.months.length).toBe(12);
    expect(f.partners).toBeNull();
  });

  it("is for the animation group only: members are refused, visitors must log in, other networks' animators too", async () => {
    expect((await rose.get("/api/networks/lilas/impact")).body.error.code).toBe("role_required");
    expect((await anonymous.get("/api/networks/lilas/impact")).status).toBe(401);
    expect((await nadia.get("/api/networks/lilas/impact")).status).toBe(403);
    expect((await sophie.get("/api/networks/nowhere/impact")).status).toBe(404);
  });

  it("refuses a bad period, naming the field", async () => {
    const error = async (query: string) => {
      const res = await sophie.get(`/api/networks/lilas/impact?${query}`);
      expect(res.status).toBe(400);
      return [res.body.error.code, res.body.error.field];
    };
    expect(await error(`from=${year}-06-01&to=${year}-05-31`)).toEqual(["period_reversed", "to"]);
    expect(await error("from=1850-01-01")).toEqual(["year_out_of_range", "from"]);
    expect(await error(`to=${year}-02-31`)).toEqual(["invalid_date", "to"]);
    expect(await error("from=hier")).toEqual(["invalid_date", "from"]);
  });

  it("is documented in the OpenAPI document, with the figures' shape", async () => {
    const doc = (await anonymous.get("/api/openapi.json")).body;
    const route = doc.paths["/networks/{slug}/impact"].get;
    expect(route.parameters.map((p: { name: string }) => p.name).sort()).toEqual(["from", "slug", "to"]);
    const schema = route.responses["200"].content["application/json"].schema;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["members", "offers", "exchanges", "themes", "events", "commons", "partnerships", "months", "partners"]));
    expect(doc.paths["/networks/{slug}/impact.csv"].get).toBeDefined();
  });
});

describe("the CSV", () => {
  it("holds every table, in French by default, with the period's figures beside the previous ones", async () => {
    const res = await sophie.get("/api/networks/lilas/impact.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="impact-lilas-${year}-01-01-${res.text.match(/\d{4}-\d{2}-\d{2}\)/)![0].slice(0, 10)}.csv"`);
    // A byte order mark first, so that spreadsheets read the accents (Response.text() hides it).
    const raw = new Uint8Array(await (await t.app.request("/api/networks/lilas/impact.csv", { headers: { cookie: sophie.cookie } })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.text.startsWith("Membres\r\n")).toBe(true);
    const lines = res.text.split("\r\n");
    expect(lines).toContain("Membres (parrainés compris),3,0");
    expect(lines).toContain("Échanges réalisés,1,0");
    expect(lines).toContain("Prêt de matériel,1,0,0,0,1,0,1,0");
    for (const title of ["Par thème", "Rendez-vous", "Mois par mois", "Partenariats"]) expect(lines).toContain(title);
  });

  it("gives one table on its own, and in English when asked", async () => {
    const res = await sophie.get(`/api/networks/lilas/impact.csv?table=themes&lang=en&from=${year}-01-01&to=${year}-12-31`);
    const lines = res.text.replace("\uFEFF", "").trim().split("\r\n");
    expect(lines[0]).toBe("Theme,Offers (Period),Offers (Previous period),Requests (Period),Requests (Previous period),Answered (Period),Answered (Previous period),Exchanges (Period),Exchanges (Previous period)");
    expect(lines.slice(1)).toEqual(["A helping hand,0,0,1,0,0,0,0,0", "Tool and equipment loans,1,0,0,0,1,0,1,0"]);
    expect(res.headers.get("content-disposition")).toContain(`impact-lilas-${year}-01-01-${year}-12-31-themes.csv`);
  });

  it("is refused like the dashboard", async () => {
    expect((await rose.get("/api/networks/lilas/impact.csv")).status).toBe(403);
    expect((await sophie.get("/api/networks/lilas/impact.csv?table=secrets")).body.error.field).toBe("table");
  });
});

describe("who else sees the figures", () => {
  it("the totals become public when the animators say so, never a breakdown", async () => {
    expect((await anonymous.get("/api/networks/lilas/impact/summary")).status).toBe(404);
    expect((await rose.put("/api/networks/lilas/impact/settings", { publicSummary: true })).status).toBe(403);
    expect((await sophie.put("/api/networks/lilas/impact/settings", { publicSummary: true, everyone: true })).body.error.field).toBe("everyone");
    const saved = await sophie.put("/api/networks/lilas/impact/settings", { publicSummary: true });
    expect(saved.body).toEqual({ publicSummary: true, shareWithPartners: false, showPartners: false });
    const summary = await anonymous.get("/api/networks/lilas/impact/summary");
    expect(summary.status).toBe(200);
    expect(Object.keys(summary.body).sort()).toEqual(["network", "period", "public", "totals"]);
    expect(summary.body.totals).toMatchObject({ members: 3, exchanges: 1, offersPosted: 2 });
  });
});

describe("the yearly activity report", () => {
  it("the animation group reads the draft: figures and highlights of the year", async () => {
    const res = await sophie.get(`/api/networks/lilas/reports/${year}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year, intro: "", published: false, saved: false, canEdit: false, totals: { members: 3, exchanges: 1 } });
    expect(res.body.figures.exchanges.done.current).toBe(1);
    expect(res.body.highlights.themes).toEqual([{ slug: "pret-de-materiel", labelFr: "Prêt de matériel", labelEn: "Tool and equipment loans", exchanges: 1 }]);
  });

  it("pilots write and publish it; then anyone reads it, with the totals only", async () => {
    expect((await anonymous.get(`/api/networks/lilas/reports/${year}`)).body.error.code).toBe("report_not_published");
    expect((await sophie.put(`/api/networks/lilas/reports/${year}`, { intro: "Une belle année" })).body.error.code).toBe("role_required");
    const saved = await admin.put(`/api/networks/lilas/reports/${year}`, { intro: "Une belle année de coopération.", thanks: "Merci à la mairie.", published: true });
    expect(saved.status).toBe(200);
    const read = await anonymous.get(`/api/networks/lilas/reports/${year}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ intro: "Une belle année de coopération.", thanks: "Merci à la mairie.", published: true, figures: null, totals: { members: 3 } });
    expect((await anonymous.get("/api/networks/lilas/reports")).body.reports).toEqual([{ year, published: true }]);
  });

  it("refuses a year out of range or a text too long, and writes nothing", async () => {
    const before = (await t.handle.db.select().from(activityReportTable)).length;
    const bad = async (y: number | string, body: Record<string, unknown>) => {
      const res = await admin.put(`/api/networks/lilas/reports/${y}`, body);
      expect(res.status).toBe(400);
      return [res.body.error.code, res.body.error.field];
    };
    expect(await bad(1999, { intro: "Avant" })).toEqual(["year_out_of_range", "year"]);
    expect(await bad(year + 1, { intro: "Plus tard" })).toEqual(["year_out_of_range", "year"]);
    expect(await bad("deux-mille", { intro: "?" })).toEqual(["invalid_input", "year"]);
    expect(await bad(year - 1, { thanks: "x".repeat(10_001) })).toEqual(["report_text_too_long", "thanks"]);
    expect((await t.handle.db.select().from(activityReportTable)).length).toBe(before);
    expect((await sophie.get(`/api/networks/lilas/reports/${year + 1}`)).body.error.field).toBe("year");
  });
});
