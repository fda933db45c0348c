// The commons library's search: a network with 5,000 resources, a local
// partner with 5,000, a remote partner Group with 5,000 received ones; the
// median time of a library page and of French searches (GIN index on a
// generated tsvector), on PGlite and PostgreSQL.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { migrate } from "../../db/migrate.ts";
import { memberTable, membershipTable, networkTable, partnershipTable, remoteActorTable, remoteResourceTable, resourceTable } from "../../db/schema/index.ts";
import { listLibrary } from "../../server/domain/commons/library.ts";
import { onEachDatabase } from "./support.ts";

const ORIGIN = "https://bench.example";
const PER_SOURCE = 5_000;
const words = ["café", "jardin", "vélo", "perceuse", "compost", "réparation", "partage", "voisins", "éco-gestes", "achats", "formation", "accueil", "écoute", "tri", "énergie"];
// Two meaningful words a resource, among filler from a 400-word pool: each word matches a few hundred resources.
const filler = Array.from({ length: 400 }, (_, k) => `mot${k.toString(36)}`);
const text = (i: number, n: number) =>
  [words[i % words.length], words[(i * 7 + 3) % words.length], ...Array.from({ length: Math.max(0, n - 2) }, (_, k) => filler[(i * 31 + k * 17) % filler.length])].join(" ");

async function median(run: () => Promise<unknown>, times = 15): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)];
}

export async function benchCommons(): Promise<void> {
  await onEachDatabase("commons", async (database) => {
    const handle = await database.open();
    try {
      await migrate(handle);
      const { db } = handle;
      const [own, partner] = await db.insert(networkTable).values([{ slug: "lilas", name: "Les Lilas" }, { slug: "tilleuls", name: "Les Tilleuls" }]).returning();
      const [viewer] = await db.insert(memberTable).values({ handle: "sophie", displayName: "Sophie" }).returning();
      await db.insert(membershipTable).values({ networkId: own.id, memberId: viewer.id, role: "animator" });
      const group = "https://ailleurs.example/n/fontaine";
      await db.insert(remoteActorTable).values({ id: group, type: "Group", host: "ailleurs.example", inbox: `${group}/inbox` });
      await db.insert(partnershipTable).values([
        { networkId: own.id, partnerActorId: `${ORIGIN}/n/tilleuls`, state: "active" },
        { networkId: own.id, partnerActorId: group, state: "active" },
      ]);
      const seeded = performance.now();
      for (let batch = 0; batch < PER_SOURCE; batch += 500) {
        const rows = Array.from({ length: 500 }, (_, j) => batch + j);
        await db.insert(resourceTable).values(rows.flatMap((i) => [
          { networkId: own.id, kind: "fiche" as const, title: `Fiche ${text(i, 3)}`, summary: text(i + 1, 8), body: text(i + 2, 120), visibility: "partners" as const },
          { networkId: partner.id, kind: "kit" as const, title: `Kit ${text(i + 5, 3)}`, summary: text(i + 3, 8), body: text(i + 4, 120), visibility: "partners" as const },
        ]));
        await db.insert(remoteResourceTable).values(rows.map((i) => ({
          id: `${group}/r/${i}`, groupId: group, kind: "formation" as const, title: `Support ${text(i + 9, 3)}`, summary: text(i + 6, 8), body: text(i + 7, 120), licence: "CC-BY-SA-4.0" as const,
        })));
      }
      await db.execute(sql`analyze`);
      console.log(`${database.label}: ${3 * PER_SOURCE} resources seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
      const page = await median(() => listLibrary(db, viewer, "lilas", ORIGIN, {}));
      const one = await median(() => listLibrary(db, viewer, "lilas", ORIGIN, { q: "velos" }));
      const two = await median(() => listLibrary(db, viewer, "lilas", ORIGIN, { q: "jardin compost" }));
      const filtered = await median(() => listLibrary(db, viewer, "lilas", ORIGIN, { q: "cafe", kind: "kit", scope: "partners" }));
      console.log(`${database.label}: library page ${page.toFixed(1)} ms; search "velos" ${one.toFixed(1)} ms; "jardin compost" ${two.toFixed(1)} ms; "cafe" kits of partners ${filtered.toFixed(1)} ms (medians of 15)`);
    } finally {
      await handle.close();
    }
  });
}
