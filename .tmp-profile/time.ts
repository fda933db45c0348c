import { eq } from "drizzle-orm";
import { openDatabase } from "../db/client.ts";
import { networkTable } from "../db/schema/index.ts";
import { activeCounts, eventCounts, exchangeCounts, memberCounts, offerCounts, resourceCounts } from "../server/domain/impact/counts.ts";
import { commonsDetails, exchangeDetails, partnershipDetails } from "../server/domain/impact/details.ts";
import { monthlyFigures } from "../server/domain/impact/months.ts";
import { parsePeriod } from "../server/domain/impact/period.ts";
const h = await openDatabase({ url: "postgres://postgres@127.0.0.1:5432/maillage_impact_profile" });
const db = h.db;
const [n] = await db.select().from(networkTable).where(eq(networkTable.slug, "lilas"));
const p = parsePeriod({ from: "2026-01-01", to: "2026-12-04" });
if (!p.ok) throw 0;
const ps = p.value; const ids = [n.id]; const now = new Date();
const fns: Record<string, () => Promise<unknown>> = {
  members: () => memberCounts(db, ids, ps), active: () => activeCounts(db, ids, ps, now), offers: () => offerCounts(db, ids, ps),
  exchanges: () => exchangeCounts(db, ids, ps), events: () => eventCounts(db, ids, ps, now), resources: () => resourceCounts(db, ids, ps),
  people: () => exchangeDetails(db, n.id, ps), commons: () => commonsDetails(db, n, ps, "https://bench.example"), partnerships: () => partnershipDetails(db, n.id, ps),
  months: () => monthlyFigures(db, n.id, ps, now),
};
for (const [k, f] of Object.entries(fns)) { await f(); const t = performance.now(); for (let i = 0; i < 3; i++) await f(); console.log(k, ((performance.now() - t) / 3).toFixed(1)); }
await h.close();
