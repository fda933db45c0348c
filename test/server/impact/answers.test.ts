// "Answered" follows the answers whatever writes or removes them: the offer
// keeps when its last answer came (a trigger), so an answer withdrawn, or
// gone with the neighbour who gave it, no longer counts.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import { memberTable, offerResponseTable, offerTable } from "../../../db/schema/index.ts";
import { dashboardOf } from "../../../server/domain/impact/dashboard.ts";
import { parsePeriod } from "../../../server/domain/impact/period.ts";
import { createTestDatabase } from "../../helpers/db.ts";
import { NOW, ORIGIN, seedImpact, type Seeded } from "./seed.ts";

let handle: DatabaseHandle;
let seeded: Seeded;

beforeAll(async () => {
  handle = await createTestDatabase();
  seeded = await seedImpact(handle.db);
});
afterAll(() => handle?.close());

const answered = async () => {
  const periods = parsePeriod({ from: "2025-01-01", to: "2025-12-31" }, NOW);
  if (!periods.ok) throw new Error(periods.error.message);
  return (await dashboardOf(handle.db, seeded.lilas, periods.value, ORIGIN, NOW)).offers.answered;
};

describe("offers answered", () => {
  it("counts an answer from when it is given until it is withdrawn or its author leaves", async () => {
    const { db } = handle;
    expect(await answered()).toEqual({ current: 2, previous: 1 });
    const [drill] = await db.select().from(offerTable).where(eq(offerTable.title, "offer pret-de-materiel 2025-03-01"));
    await db.delete(offerResponseTable).where(eq(offerResponseTable.offerId, drill.id));
    expect(await answered()).toEqual({ current: 1, previous: 1 });
    await db.insert(offerResponseTable).values({ offerId: drill.id, responderId: seeded.people.fanny.id, createdAt: new Date("2025-12-01T10:00:00Z") });
    expect(await answered()).toEqual({ current: 2, previous: 1 });
    await db.delete(memberTable).where(eq(memberTable.id, seeded.people.fanny.id));
    expect(await answered()).toEqual({ current: 1, previous: 1 });
  });
});
