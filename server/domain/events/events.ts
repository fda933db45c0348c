// Organising events: animators create them (once, or as a series from the
// form's RRULE, one row per occurrence), the organiser or an animator edits
// one occurrence or the whole series, and cancels. Participants are told when
// the time or place changes; public and partner events federate.
import { and, eq, gte } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { eventSeriesTable, eventSignupItemTable, eventTable, type Event, type Visibility } from "../../../db/schema/index.ts";
import { recordAct, type Actor } from "../acts.ts";
import { checkFields, checkSignupItems, type EventFields, type NewEventInput } from "./input.ts";
import { eventFederates, type EventItem, type EventPublishing } from "./ports.ts";
import { checkRrule, expand, moveToTimeOf } from "./recurrence.ts";
import { lockEvent, noticeParticipants, promoteWaiting } from "./rsvp.ts";
import { countsOf, eventView, findEvent, mayManage, photoOf, photoOwner, type EventView } from "./views.ts";
import { attachMedia, detachMedia } from "../media.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { requireRole } from "../roles.ts";

export async function createEvent(
  db: DatabaseLike,
  actor: Actor,
  slug: string,
  input: NewEventInput,
  publishing: EventPublishing,
): Promise<Result<EventView[]>> {
  const fields = checkFields(input);
  if (!fields.ok) return fields;
  const items = checkSignupItems(input.signupItems);
  if (!items.ok) return items;
  let occurrences = [{ startsAt: fields.value.startsAt, endsAt: fields.value.endsAt }];
  let rule: string | null = null;
  if (input.rrule) {
    const checked = checkRrule(input.rrule, input.endless ?? false);
    if (!checked.ok) return checked;
    rule = checked.value;
    const expanded = expand(rule, fields.value.startsAt, fields.value.endsAt);
    if (!expanded.ok) return expanded;
    occurrences = expanded.value;
  } else if (input.endless) {
    return fail("invalid", "rrule_missing", "Only a recurring event can be endless", "endless");
  }
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, actor.by, "animator");
    if (!allowed.ok) return allowed;
    const { network } = allowed.value;
    const [series] = rule ? await tx.insert(eventSeriesTable).values({ networkId: network.id, rrule: rule, endless: input.endless ?? false }).returning() : [null];
    const visibility: Visibility = input.visibility ?? "network";
    const rows = await tx
      .insert(eventTable)
      .values(
        occurrences.map((o) => ({
          ...fields.value,
          ...o,
          networkId: network.id,
          seriesId: series?.id ?? null,
          originalStartsAt: series ? o.startsAt : null,
          organiserId: actor.member.id,
          visibility,
        })),
      )
      .returning();
    if (items.value.length > 0) {
      await tx.insert(eventSignupItemTable).values(rows.flatMap((e) => items.value.map((label, position) => ({ eventId: e.id, label, position }))));
    }
    const photo = input.photo ? await attachMedia(tx, actor, [input.photo], { ...photoOwner(rows[0]), networkId: network.id, visibility }) : null;
    if (photo && !photo.ok) return { ...photo, error: { ...photo.error, field: "photo" } };
    await recordAct(tx, actor, "event.create", { ids: rows.map((r) => r.id), visibility, rrule: rule }, network.id);
    const views: EventView[] = [];
    for (const event of rows) {
      const item = { event, network, organiser: actor.member, series };
      if (eventFederates(event)) await publishing.outbox.eventPublished(tx, item);
      views.push(eventView(publishing.origin, item, { going: 0, maybe: 0, waiting: 0 }, { canManage: true, photo: photo?.value[0] }));
    }
    return ok(views);
  });
}

export type EditScope = "occurrence" | "series";

export interface EditInput extends Partial<EventFields> {
  scope?: EditScope;
  /** A new photo (an upload's id), or null to remove it; for a series, the series' photo. */
  photo?: string | null;
}

async function managed(tx: DatabaseLike, actor: Actor, id: string): Promise<Result<EventItem>> {
  const item = await findEvent(tx, id);
  if (!item) return fail("not_found", "event_not_found", "No such event");
  if (!(await mayManage(tx, item, actor.by))) return fail("forbidden", "not_event_organiser", "Only its organiser or an animator may change this event");
  return ok(item);
}

const movedOrPlaced = (a: Event, b: Event) =>
  a.startsAt.getTime() !== b.startsAt.getTime() ||
  a.endsAt.getTime() !== b.endsAt.getTime() ||
  a.placeName !== b.placeName ||
  a.street !== b.street ||
  a.locality !== b.locality;

/** The occurrences a whole-series change applies to: this one and the later ones not edited alone. */
async function seriesTargets(tx: DatabaseLike, item: EventItem): Promise<Event[]> {
  if (!item.series) return [item.event];
  const later = await tx
    .select()
    .from(eventTable)
    .where(and(eq(eventTable.seriesId, item.series.id), gte(eventTable.startsAt, item.event.startsAt), eq(eventTable.detached, false)));
  return [item.event, ...later.filter((e) => e.id !== item.event.id)];
}

/** Edits one occurrence (it leaves the series' later edits) or, from this one on, the whole series. */
export async function editEvent(db: DatabaseLike, actor: Actor, id: string, input: EditInput, publishing: EventPublishing): Promise<Result<EventView>> {
  return transact(db, async (tx) => {
    const found = await managed(tx, actor, id);
    if (!found.ok) return found;
    const current = found.value.event;
    const merged: EventFields = {
      kind: input.kind ?? current.kind,
      title: input.title ?? current.title,
      body: input.body ?? current.body,
      startsAt: input.startsAt ?? current.startsAt.toISOString(),
      endsAt: input.endsAt ?? current.endsAt.toISOString(),
      place: input.place ?? { ...current, name: current.placeName },
      capacity: input.capacity === undefined ? current.capacity : input.capacity,
    };
    const fields = checkFields(merged);
    if (!fields.ok) return fields;
    const wholeSeries = input.scope === "series" && found.value.series !== null;
    if (input.photo !== undefined) {
      const owner = photoOwner(current);
      await detachMedia(tx, owner, input.photo ? [input.photo] : []);
      if (input.photo) {
        const attached = await attachMedia(tx, actor, [input.photo], { ...owner, networkId: current.networkId, visibility: current.visibility });
        if (!attached.ok) return { ...attached, error: { ...attached.error, field: "photo" } };
      }
    }
    const targets = wholeSeries ? await seriesTargets(tx, found.value) : [current];
    let edited: Event = current;
    for (const target of targets) {
      const locked = await lockEvent(tx, target.id);
      const { going } = (await countsOf(tx, [target.id])).get(target.id)!;
      if (fields.value.capacity != null && fields.value.capacity < going) {
        return fail("invalid", "capacity_below_participants", `${going} people already come: the capacity cannot be lower`, "capacity");
      }
      const times = wholeSeries ? moveToTimeOf(locked.startsAt, fields.value.startsAt, fields.value.endsAt) : {};
      const [updated] = await tx
        .update(eventTable)
        .set({ ...fields.value, ...times, detached: found.value.series !== null && !wholeSeries ? true : locked.detached, updatedAt: new Date() })
        .where(eq(eventTable.id, target.id))
        .returning();
      const item = { ...found.value, event: updated };
      if (movedOrPlaced(locked, updated)) await noticeParticipants(tx, item, "changed");
      if ((updated.capacity ?? Infinity) > (locked.capacity ?? Infinity)) await promoteWaiting(tx, updated, found.value.network.slug);
      if (eventFederates(updated)) await publishing.outbox.eventUpdated(tx, item);
      if (target.id === id) edited = updated;
    }
    await recordAct(tx, actor, "event.edit", { id, scope: wholeSeries ? "series" : "occurrence" }, current.networkId);
    const counts = (await countsOf(tx, [id])).get(id)!;
    return ok(eventView(publishing.origin, { ...found.value, event: edited }, counts, { canManage: true, photo: await photoOf(tx, edited) }));
  });
}

/** Cancels one occurrence, or this one and the later ones of its series; participants are told, Update federates. */
export async function cancelEvent(db: DatabaseLike, actor: Actor, id: string, scope: EditScope, publishing: EventPublishing): Promise<Result<EventView>> {
  return transact(db, async (tx) => {
    const found = await managed(tx, actor, id);
    if (!found.ok) return found;
    if (found.value.event.cancelled) return fail("conflict", "event_cancelled", "This event is already cancelled");
    const targets = scope === "series" ? await seriesTargets(tx, found.value) : [found.value.event];
    let cancelled = found.value.event;
    for (const target of targets) {
      if (target.cancelled) continue;
      await lockEvent(tx, target.id);
      const [updated] = await tx.update(eventTable).set({ cancelled: true, updatedAt: new Date() }).where(eq(eventTable.id, target.id)).returning();
      const item = { ...found.value, event: updated };
      await noticeParticipants(tx, item, "cancelled");
      if (eventFederates(updated)) await publishing.outbox.eventUpdated(tx, item);
      if (target.id === id) cancelled = updated;
    }
    await recordAct(tx, actor, "event.cancel", { id, scope }, found.value.network.id);
    const counts = (await countsOf(tx, [id])).get(id)!;
    return ok(eventView(publishing.origin, { ...found.value, event: cancelled }, counts, { canManage: true }));
  });
}
