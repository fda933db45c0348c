// What the network home and a member's profile show of offers: what is new
// this week, by theme; what matches the interests the member gave in the
// questionnaire; a member's current offers and how many exchanges they took
// part in (a count, never a ranking: tranquillité).
import { and, count, desc, eq, gte, inArray, ne, or } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { exchangeParticipantTable, memberTable, offerTable, questionnaireAnswerTable, themeTable, type Member, type Visibility } from "../../../db/schema/index.ts";
import { viewerRole } from "../announcement-views.ts";
import { offerCounts } from "./list.ts";
import { decorate, offerView, photosOf, selectOfferRows, type OfferView } from "./views.ts";
import { fail, ok, type Result } from "../result.ts";
import { findNetwork } from "../roles.ts";

const WEEK_MS = 7 * 24 * 3600 * 1000;

const shownTo = (role: unknown): Visibility[] => (role !== null ? ["network", "partners", "public"] : ["public"]);

async function withPhotos(db: DatabaseLike, origin: string, views: OfferView[]) {
  const photos = await photosOf(db, origin, views.map((v) => v.id));
  for (const v of views) v.photos = photos.get(v.id) ?? [];
  return views;
}

export async function offersHome(db: DatabaseLike, viewer: Member | null, slug: string, origin: string, now = new Date()) {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const network = found.value;
  const role = await viewerRole(db, network.id, viewer);
  const visible = and(eq(offerTable.networkId, network.id), inArray(offerTable.visibility, shownTo(role)), eq(offerTable.status, "open"));
  const recent = await decorate(
    db,
    await selectOfferRows(db)
      .where(and(visible, gte(offerTable.createdAt, new Date(now.getTime() - WEEK_MS))))
      .orderBy(desc(offerTable.createdAt))
      .limit(60),
  );
  const byTheme = new Map<string, { theme: OfferView["theme"]; count: number; offers: OfferView[] }>();
  for (const row of recent) {
    const view = offerView(origin, row, role !== null);
    const entry = byTheme.get(view.theme.slug) ?? { theme: view.theme, count: 0, offers: [] };
    entry.count += 1;
    if (entry.offers.length < 3) entry.offers.push(view);
    byTheme.set(view.theme.slug, entry);
  }
  let matches: OfferView[] = [];
  if (viewer && role !== null) {
    const answers = await db
      .select({ slug: themeTable.slug, choice: questionnaireAnswerTable.choice })
      .from(questionnaireAnswerTable)
      .innerJoin(themeTable, eq(themeTable.id, questionnaireAnswerTable.themeId))
      .where(eq(questionnaireAnswerTable.memberId, viewer.id));
    // What I would need is offered; what I could offer is asked for.
    const needs = answers.filter((a) => a.choice === "need").map((a) => a.slug);
    const gives = answers.filter((a) => a.choice === "offer").map((a) => a.slug);
    const wanted = [
      needs.length ? and(eq(offerTable.kind, "offer"), inArray(offerTable.themeSlug, needs)) : undefined,
      gives.length ? and(eq(offerTable.kind, "request"), inArray(offerTable.themeSlug, gives)) : undefined,
    ].filter(Boolean);
    if (wanted.length) {
      const rows = await decorate(db, await selectOfferRows(db).where(and(visible, ne(offerTable.authorId, viewer.id), or(...wanted))).orderBy(desc(offerTable.createdAt)).limit(6));
      matches = rows.map((r) => offerView(origin, r, true));
    }
  }
  const week = [...byTheme.values()].sort((a, b) => b.count - a.count);
  await withPhotos(db, origin, [...week.flatMap((w) => w.offers), ...matches]);
  return ok({ week, matches, counts: await offerCounts(db, network.id) });
}

/** A member's open and agreed offers in a network (as the viewer may see them) and their exchange count. */
export async function memberOffers(
  db: DatabaseLike,
  viewer: Member | null,
  slug: string,
  handle: string,
  origin: string,
): Promise<Result<{ offers: OfferView[]; exchanges: number }>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const [member] = await db.select().from(memberTable).where(eq(memberTable.handle, handle.toLowerCase())).limit(1);
  const role = await viewerRole(db, found.value.id, viewer);
  if (!member || (await viewerRole(db, found.value.id, member)) === null) return fail("not_found", "member_not_found", "No such member in this network");
  const rows = await decorate(
    db,
    await selectOfferRows(db).where(
      and(
        eq(offerTable.networkId, found.value.id),
        eq(offerTable.authorId, member.id),
        inArray(offerTable.status, ["open", "agreed"]),
        inArray(offerTable.visibility, shownTo(role)),
      ),
    )
      .orderBy(desc(offerTable.createdAt))
      .limit(50),
  );
  const [exchanges] = await db.select({ n: count() }).from(exchangeParticipantTable).where(eq(exchangeParticipantTable.memberId, member.id));
  const offers = await withPhotos(db, origin, rows.map((r) => offerView(origin, r, role !== null)));
  return ok({ offers, exchanges: exchanges.n });
}
