// Offers and requests (« je propose » / « je cherche »): a member posts one in
// a theme, for the network, its partners or everyone; its author edits,
// withdraws or renews it. Federation happens behind the OfferOutbox port, in
// the same transaction as the change; a `network` offer never reaches it.
import { and, eq, isNull, or } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import type { OfferNote } from "./remote-conversations.ts";
import {
  memberTable,
  networkTable,
  offerSettingsTable,
  offerTable,
  themeTable,
  type Member,
  type Network,
  type Offer,
  type OfferKind,
  type Role,
  type Theme,
  type Visibility,
} from "../../../db/schema/index.ts";
import { recordAct, type Actor } from "../acts.ts";
import { offerDetail } from "./detail.ts";
import type { OfferDetail } from "./views.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { requireRole } from "../roles.ts";
import { isUuid } from "../ids.ts";
import { nextOfferRef } from "../print/references.ts";
import { holdOffer, mayPost, mustHold } from "../moderation/rails.ts";

export const LIMITS = { title: 120, body: 5000, availability: 300, place: 120 } as const;
export const DEFAULT_EXPIRY_DAYS = 90;
const DAY = 24 * 3600 * 1000;

/** A local offer with what the outbox and the views need. */
export interface OfferItem {
  offer: Offer;
  network: Network;
  author: Member;
  theme: Theme | null;
}


/**
 * The port to the fediverse, implemented in federation/offers/outbox.ts. Each
 * call runs in the use-case's transaction and only enqueues.
 */
export interface OfferOutbox {
  offerPublished(tx: DatabaseLike, item: OfferItem): Promise<void>;
  offerUpdated(tx: DatabaseLike, item: OfferItem): Promise<void>;
  offerDeleted(tx: DatabaseLike, item: OfferItem): Promise<void>;
  /** A member's message in an offer conversation with someone elsewhere: a direct Note to them. */
  noteSent(tx: DatabaseLike, note: OfferNote): Promise<void>;
}

export const noOfferOutbox: OfferOutbox = {
  offerPublished: async () => {},
  offerUpdated: async () => {},
  offerDeleted: async () => {},
  noteSent: async () => {},
};

export interface OfferPublishing {
  origin: string;
  outbox: OfferOutbox;
}

/** `network` offers never leave the instance. */
export const offerFederates = (offer: Offer) => offer.visibility !== "network" && offer.networkId !== null;


// "12 rue des Lilas", "3 bis, allée ...": a street number is an exact address.
const exactAddress = /\d+\s*(bis|ter)?\s*,?\s*(rue|avenue|av\.?|bd|boulevard|all[ée]e|chemin|impasse|place|quai|route|cours|square|r\u00e9sidence)\b/iu;

export interface OfferFields {
  title?: string;
  body?: string;
  availability?: string;
  availableFrom?: string | null;
  availableUntil?: string | null;
  place?: string;
}

export interface NewOfferInput extends OfferFields {
  kind: OfferKind;
  theme: string;
  title: string;
  visibility?: Visibility;
}

type Checked = Partial<Pick<Offer, "title" | "body" | "availability" | "availableFrom" | "availableUntil" | "place">>;

/** Trims and checks the free-text fields given; each failure names its field. */
export function checkFields(input: OfferFields): Result<Checked> {
  const out: Checked = {};
  for (const field of ["title", "body", "availability", "place"] as const) {
    const value = input[field];
    if (value === undefined) continue;
    const text = value.trim();
    if (field === "title" && text === "") return fail("invalid", "title_missing", "Give it a title", "title");
    if (text.length > LIMITS[field]) return fail("invalid", `${field}_too_long`, `At most ${LIMITS[field]} characters`, field);
    out[field] = text;
  }
  if (out.place && exactAddress.test(out.place)) {
    return fail("invalid", "place_too_precise", "Give the building or the street, never an exact address", "place");
  }
  for (const field of ["availableFrom", "availableUntil"] as const) {
    const value = input[field];
    if (value === undefined) continue;
    if (value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return fail("invalid", "invalid_date", "A date as YYYY-MM-DD", field);
    out[field] = value;
  }
  const from = out.availableFrom ?? input.availableFrom;
  const until = out.availableUntil ?? input.availableUntil;
  if (from && until && until < from) return fail("invalid", "dates_reversed", "The end comes before the start", "availableUntil");
  return ok(out);
}

/** The network's themes plus the instance-wide ones; unknown slugs are refused. */
export async function findTheme(db: DatabaseLike, networkId: string, slug: string): Promise<Result<Theme>> {
  const [theme] = await db
    .select()
    .from(themeTable)
    .where(and(eq(themeTable.slug, slug), or(isNull(themeTable.networkId), eq(themeTable.networkId, networkId))))
    .limit(1);
  return theme ? ok(theme) : fail("invalid", "unknown_theme", `Unknown theme "${slug}"`, "theme");
}

export async function expiryDaysOf(db: DatabaseLike, networkId: string): Promise<number> {
  const [row] = await db.select().from(offerSettingsTable).where(eq(offerSettingsTable.networkId, networkId)).limit(1);
  return row?.expiryDays ?? DEFAULT_EXPIRY_DAYS;
}

export async function setExpiryDays(db: DatabaseLike, actor: Actor, slug: string, days: number): Promise<Result<{ expiryDays: number }>> {
  if (!Number.isInteger(days) || days < 7 || days > 730) return fail("invalid", "invalid_expiry", "Between 7 and 730 days", "expiryDays");
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, actor.by, "animator");
    if (!allowed.ok) return allowed;
    const networkId = allowed.value.network.id;
    await tx.insert(offerSettingsTable).values({ networkId, expiryDays: days }).onConflictDoUpdate({ target: offerSettingsTable.networkId, set: { expiryDays: days } });
    await recordAct(tx, actor, "offers.settings", { expiryDays: days }, networkId);
    return ok({ expiryDays: days });
  });
}

/** A local offer with its network, author and theme, whoever asks. */
export async function findOffer(db: DatabaseLike, id: string): Promise<OfferItem | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ offer: offerTable, network: networkTable, author: memberTable, theme: themeTable })
    .from(offerTable)
    .innerJoin(networkTable, eq(networkTable.id, offerTable.networkId))
    .innerJoin(memberTable, eq(memberTable.id, offerTable.authorId))
    .leftJoin(themeTable, eq(themeTable.id, offerTable.themeId))
    .where(eq(offerTable.id, id))
    .limit(1);
  return row ?? null;
}

/** The offer, if `actor` is its author (or their sponsor acting for them, which currentActor checked). */
async function ownOffer(db: DatabaseLike, actor: Actor, id: string): Promise<Result<OfferItem>> {
  const item = await findOffer(db, id);
  if (!item) return fail("not_found", "offer_not_found", "No such offer");
  if (item.author.id !== actor.member.id) return fail("forbidden", "not_offer_author", "Only its author may change this offer");
  return ok(item);
}

export async function postOffer(
  db: DatabaseLike,
  actor: Actor,
  slug: string,
  input: NewOfferInput,
  publishing: OfferPublishing,
  attach?: (tx: DatabaseLike, item: OfferItem) => Promise<Result<unknown>>,
): Promise<Result<OfferDetail>> {
  if (!input.theme?.trim()) return fail("invalid", "theme_missing", "Choose a theme", "theme");
  if (input.title === undefined) return fail("invalid", "title_missing", "Give it a title", "title");
  const fields = checkFields(input);
  if (!fields.ok) return fields;
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, actor.member, "member");
    if (!allowed.ok) return allowed;
    const { network, role } = allowed.value;
    const active = await mayPost(tx, network.id, actor.member.id);
    if (!active.ok) return active;
    const theme = await findTheme(tx, network.id, input.theme.trim());
    if (!theme.ok) return theme;
    const days = await expiryDaysOf(tx, network.id);
    const held = await mustHold(tx, network.id, actor.member.id, role);
    const [offer] = await tx
      .insert(offerTable)
      .values({
        ...fields.value,
        title: fields.value.title!,
        networkId: network.id,
        authorId: actor.member.id,
        postedById: actor.by.id,
        kind: input.kind,
        themeId: theme.value.id,
        themeSlug: theme.value.slug,
        visibility: input.visibility ?? "network",
        // Held for approval: hidden until an animator shows it (and only then federated).
        ...(held ? { status: "hidden" as const } : {}),
        expiresAt: new Date(Date.now() + days * DAY),
        ref: await nextOfferRef(tx, network.id),
        // Millisecond precision, so that a page's cursor (a JS date) matches it exactly.
        createdAt: new Date(),
      })
      .returning();
    const item = { offer, network, author: actor.member, theme: theme.value };
    if (attach) {
      const attached = await attach(tx, item);
      if (!attached.ok) return attached;
    }
    await recordAct(tx, actor, "offer.post", { id: offer.id, kind: offer.kind, visibility: offer.visibility }, network.id);
    if (held) await holdOffer(tx, offer, network, actor.member.id);
    else if (offerFederates(offer)) await publishing.outbox.offerPublished(tx, item);
    return ok(await offerDetail(tx, publishing.origin, item, actor.member, role));
  });
}

export async function editOffer(
  db: DatabaseLike,
  actor: Actor,
  id: string,
  input: OfferFields & { theme?: string },
  publishing: OfferPublishing,
  /** Replaces the photos (in the same transaction, before the Update federates). */
  photos?: (tx: DatabaseLike, item: OfferItem) => Promise<Result<unknown>>,
): Promise<Result<OfferDetail>> {
  const fields = checkFields(input);
  if (!fields.ok) return fields;
  return transact(db, async (tx) => {
    const own = await ownOffer(tx, actor, id);
    if (!own.ok) return own;
    const item = own.value;
    if (item.offer.status !== "open" && item.offer.status !== "agreed") {
      return fail("conflict", "offer_closed", `This offer is ${item.offer.status}: it can no longer change`);
    }
    let theme = item.theme;
    if (input.theme !== undefined) {
      const found = await findTheme(tx, item.network.id, input.theme.trim());
      if (!found.ok) return found;
      theme = found.value;
    }
    const [offer] = await tx
      .update(offerTable)
      .set({ ...fields.value, ...(theme ? { themeId: theme.id, themeSlug: theme.slug } : {}), updatedAt: new Date() })
      .where(eq(offerTable.id, id))
      .returning();
    const updated = { ...item, offer, theme };
    if (photos) {
      const replaced = await photos(tx, updated);
      if (!replaced.ok) return replaced;
    }
    await recordAct(tx, actor, "offer.edit", { id }, item.network.id);
    if (offerFederates(offer)) await publishing.outbox.offerUpdated(tx, updated);
    return ok(await offerDetail(tx, publishing.origin, updated, actor.member, "member"));
  });
}

/** Changes the status (withdraw, or the exchange's steps); Update or Delete federates. */
export async function setStatus(tx: DatabaseLike, item: OfferItem, status: Offer["status"], publishing: OfferPublishing): Promise<OfferItem> {
  const [offer] = await tx
    .update(offerTable)
    .set({ status, updatedAt: new Date(), ...(status === "done" ? { doneAt: new Date() } : {}) })
    .where(eq(offerTable.id, item.offer.id))
    .returning();
  const updated = { ...item, offer };
  if (offerFederates(offer)) {
    if (status === "withdrawn" || status === "expired") await publishing.outbox.offerDeleted(tx, updated);
    else await publishing.outbox.offerUpdated(tx, updated);
  }
  return updated;
}

export async function withdrawOffer(db: DatabaseLike, actor: Actor, id: string, publishing: OfferPublishing): Promise<Result<OfferDetail>> {
  return transact(db, async (tx) => {
    const own = await ownOffer(tx, actor, id);
    if (!own.ok) return own;
    if (own.value.offer.status !== "open" && own.value.offer.status !== "agreed") {
      return fail("conflict", "offer_closed", `This offer is already ${own.value.offer.status}`);
    }
    const item = await setStatus(tx, own.value, "withdrawn", publishing);
    await recordAct(tx, actor, "offer.withdraw", { id }, item.network.id);
    return ok(await offerDetail(tx, publishing.origin, item, actor.member, "member"));
  });
}

/** Another period from today; an expired offer opens again (and is published again). */
export async function renewOffer(db: DatabaseLike, actor: Actor, id: string, publishing: OfferPublishing): Promise<Result<OfferDetail>> {
  return transact(db, async (tx) => {
    const own = await ownOffer(tx, actor, id);
    if (!own.ok) return own;
    const { offer: before, network } = own.value;
    if (!["open", "agreed", "expired"].includes(before.status)) return fail("conflict", "offer_closed", `This offer is ${before.status}`);
    const days = await expiryDaysOf(tx, network.id);
    const [offer] = await tx
      .update(offerTable)
      .set({ expiresAt: new Date(Date.now() + days * DAY), reminderSentAt: null, status: before.status === "expired" ? "open" : before.status })
      .where(eq(offerTable.id, id))
      .returning();
    const item = { ...own.value, offer };
    await recordAct(tx, actor, "offer.renew", { id }, network.id);
    if (before.status === "expired" && offerFederates(offer)) await publishing.outbox.offerPublished(tx, item);
    return ok(await offerDetail(tx, publishing.origin, item, actor.member, "member"));
  });
}

export type { Role };
