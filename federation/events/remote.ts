// Remote `Event`s (Mobilizon, other Maillage instances): always read from
// their own server (the object at its id, fetched signed as our instance
// actor), so that the Mobilizon terms the vocabulary drops (participantCount,
// joinMode, the postal address, ical:status) are kept, and so that nobody
// but the event's own server can say what it is.
import { eq } from "drizzle-orm";
import { and, ne } from "drizzle-orm";
import { remoteEventParticipationTable, remoteEventTable, type RemoteEvent } from "../../db/schema/index.ts";
import { notify } from "../../server/domain/notifications.ts";
import { remoteEventSubject } from "../../server/domain/events/remote.ts";
import { federationLogger, signedLoader, type FedContext } from "../context.ts";
import { mayPass } from "../fetch-failures.ts";
import { sanitizeRemoteHtml, toPlainText } from "../html.ts";
import { remoteActorById } from "../remote-actors.ts";
import { storableJson } from "../../server/domain/text.ts";
import { webUrl } from "../../server/domain/web-url.ts";

type Json = Record<string, unknown>;

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);
const str = (value: unknown): string | null => {
  const v = first(value);
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && "@value" in v) return String((v as Json)["@value"]);
  return null;
};
const idOf = (value: unknown): string | null => {
  const v = first(value);
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && typeof (v as Json).id === "string") return (v as Json).id as string;
  return null;
};
const int = (value: unknown): number | null => {
  const v = first(value);
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
};
const date = (value: unknown): Date | null => {
  const s = str(value);
  const d = s ? new Date(s) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};
const list = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

function placeText(location: unknown): string | null {
  const place = first(location);
  if (!place || typeof place !== "object") return null;
  const p = place as Json;
  const address = (first(p.address) ?? {}) as Json;
  const town = [str(address.postalCode), str(address.addressLocality)].filter(Boolean).join(" ");
  const text = [str(p.name), str(address.streetAddress), town].filter(Boolean).join(", ");
  return text ? toPlainText(text).slice(0, 500) : null;
}

const PUBLIC = ["https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"];

/** The columns of a remote event from its (compacted) JSON-LD, or null when it is not a usable Event. */
export function parseRemoteEvent(fetched: Json, url: string): Omit<RemoteEvent, "receivedAt"> | null {
  const doc = storableJson(fetched);
  const types = list(doc.type);
  const id = typeof doc.id === "string" ? doc.id : null;
  if (!types.includes("Event") || !id || !URL.canParse(id)) return null;
  // The document must come from the event's own server.
  if (new URL(id).origin !== new URL(url).origin) return null;
  const startsAt = date(doc.startTime);
  const name = str(doc.name);
  const actorId = idOf(doc.attributedTo) ?? idOf(doc.actor);
  if (!startsAt || !name || !actorId) return null;
  const audience = idOf(doc.audience);
  const status = str(doc["ical:status"]) ?? str(doc.status);
  const recipients = [...list(doc.to), ...list(doc.cc)].map(idOf);
  return {
    id,
    actorId,
    groupId: audience ?? null,
    name: toPlainText(name).slice(0, 300),
    contentHtml: sanitizeRemoteHtml(str(doc.content) ?? ""),
    url: webUrl(idOf(doc.url)) ?? id,
    startsAt,
    endsAt: date(doc.endTime),
    place: placeText(doc.location),
    joinMode: str(doc.joinMode),
    capacity: int(doc.maximumAttendeeCapacity),
    participantCount: int(doc.participantCount),
    isPublic: recipients.some((r) => r !== null && PUBLIC.includes(r)),
    cancelled: status?.toUpperCase() === "CANCELLED",
  };
}

/**
 * Fetches the event from its server and keeps it; local participants hear of a
 * new time, place or a cancellation. `throwIfPassing`: a failure that may pass
 * (mayPass) is thrown, for the inbox to be retried, rather than taken as null.
 */
export async function fetchRemoteEvent(ctx: FedContext, url: string, options: { throwIfPassing?: boolean } = {}): Promise<RemoteEvent | null> {
  let doc: Json;
  try {
    const loader = await signedLoader(ctx);
    doc = (await loader(url)).document as Json;
  } catch (error) {
    if (options.throwIfPassing && mayPass(error)) {
      federationLogger.warn("Fetching the event {url} failed; the activity will be tried again: {error}", { url, error });
      throw error;
    }
    federationLogger.debug("Event {url} could not be fetched: {error}", { url, error });
    return null;
  }
  const parsed = doc && typeof doc === "object" ? parseRemoteEvent(doc, url) : null;
  if (!parsed) return null;
  // Its organiser is who a member's Join goes to: known from now on.
  if (URL.canParse(parsed.actorId)) await remoteActorById(ctx, new URL(parsed.actorId));
  return keepRemoteEvent(ctx, parsed);
}

export async function keepRemoteEvent(ctx: FedContext, parsed: Omit<RemoteEvent, "receivedAt">): Promise<RemoteEvent> {
  const { db } = ctx.data;
  const [before] = await db.select().from(remoteEventTable).where(eq(remoteEventTable.id, parsed.id));
  const { id: _, ...update } = parsed;
  const [row] = await db
    .insert(remoteEventTable)
    .values(parsed)
    .onConflictDoUpdate({ target: remoteEventTable.id, set: { ...update, receivedAt: new Date() } })
    .returning();
  if (before) {
    const moved = before.startsAt.getTime() !== row.startsAt.getTime() || before.endsAt?.getTime() !== row.endsAt?.getTime() || before.place !== row.place;
    const kind = !before.cancelled && row.cancelled ? "cancelled" : moved ? "changed" : null;
    if (kind) await noticeRemoteParticipants(ctx, row, kind);
  }
  return row;
}

async function noticeRemoteParticipants(ctx: FedContext, event: RemoteEvent, kind: "changed" | "cancelled") {
  const rows = await ctx.data.db
    .select({ memberId: remoteEventParticipationTable.memberId })
    .from(remoteEventParticipationTable)
    .where(and(eq(remoteEventParticipationTable.remoteEventId, event.id), ne(remoteEventParticipationTable.state, "rejected")));
  await notify(ctx.data.db, rows.map((r) => r.memberId), { kind: `event.${kind}`, subject: remoteEventSubject(event) });
}

/** Delete of a remote event by its author: kept as cancelled, so participants understand. */
export async function remoteEventDeleted(ctx: FedContext, id: string, actorId: string): Promise<boolean> {
  const [row] = await ctx.data.db.select().from(remoteEventTable).where(eq(remoteEventTable.id, id));
  if (!row || new URL(row.id).origin !== new URL(actorId).origin) return false;
  if (!row.cancelled) {
    await ctx.data.db.update(remoteEventTable).set({ cancelled: true }).where(eq(remoteEventTable.id, id));
    await noticeRemoteParticipants(ctx, row, "cancelled");
  }
  return true;
}
