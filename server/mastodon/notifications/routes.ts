// /api/v1/notifications (and v2, grouped one per notification) and
// /api/v1/conversations: what the web app notifies, and the private
// conversations about offers, as Mastodon apps show them.
import { and, desc, eq, gte, lt, or } from "drizzle-orm";
import { memberTable, notificationTable, offerResponseTable, offerTable, type Member, type Notification } from "../../../db/schema/index.ts";
import { avatarOf } from "../accounts/routes.ts";
import { statusEntity, type StatusEntity } from "../entities/status.ts";
import { invalid, mastodonRouter, notFound, scope, userOf, type MastodonContext } from "../http.ts";
import { loadDraft, offerThread } from "../statuses/single.ts";
import { Accounts, toStatuses } from "../timelines/collect.ts";
import type { Draft } from "../timelines/drafts.ts";
import { statusId } from "../statuses/ids.ts";
import { mastodonType, notificationId, parseNotificationId } from "./types.ts";

const origin = (c: MastodonContext) => c.var.deps.config.publicUrl.origin;

/** The status a notification is about: for a message, the newest one the member did not write. */
async function subjectDraft(c: MastodonContext, member: Member, n: Notification): Promise<Draft | null> {
  const db = c.var.deps.db;
  if (n.subjectType === "offer") {
    const thread = await offerThread(db, member, n.subjectId, origin(c));
    if (!thread) return null;
    if (n.kind === "offers.interest" || n.kind === "offers.message") {
      const theirs = thread.messages.filter((m) => !("member" in m.author && m.author.member === member.handle) && m.createdAt <= new Date(n.createdAt.getTime() + 1000));
      return theirs.sort((a, b) => (a.id < b.id ? -1 : 1)).at(-1) ?? thread.offer;
    }
    return thread.offer;
  }
  const kind = n.subjectType === "announcement" ? "a" : n.subjectType === "event" ? "e" : n.subjectType === "resource" ? "r" : null;
  return kind ? loadDraft(db, member, { kind, id: n.subjectId, at: n.createdAt }, origin(c)) : null;
}

/** Who did it, when the notification says (a like, a boost): a member here or an account elsewhere. */
async function senderOf(accounts: Accounts, n: Notification) {
  if (n.fromMemberId) {
    const [m] = await accounts.db.select({ handle: memberTable.handle }).from(memberTable).where(eq(memberTable.id, n.fromMemberId)).limit(1);
    return m ? accounts.of({ member: m.handle }) : null;
  }
  return n.fromActorId ? accounts.of({ remote: n.fromActorId }) : null;
}

async function entitiesOf(c: MastodonContext, member: Member, rows: Notification[]) {
  const accounts = new Accounts(c.var.deps.db, origin(c), avatarOf(c));
  const out = [];
  for (const n of rows) {
    const type = mastodonType(n.kind);
    const draft = await subjectDraft(c, member, n);
    if (!type || !draft) continue;
    const [status] = await toStatuses([draft], accounts);
    if (!status) continue;
    const entity = statusEntity(status, `${origin(c)}/`);
    out.push({
      id: notificationId(n.id, n.createdAt),
      type,
      group_key: `ungrouped-${n.id}`,
      created_at: n.createdAt.toISOString(),
      // The one who acted (a like's, a boost's); otherwise the status's author, who wrote what is notified.
      account: (await senderOf(accounts, n)) ?? entity.account,
      status: entity,
      ...(type === "admin.report" ? { report: reportOf(n, entity) } : {}),
    });
  }
  return out;
}

const reportOf = (n: Notification, status: StatusEntity) => ({
  id: n.subjectId,
  action_taken: false,
  action_taken_at: null,
  category: "other",
  comment: n.title,
  forwarded: false,
  created_at: n.createdAt.toISOString(),
  status_ids: [status.id],
  rule_ids: null,
  target_account: status.account,
});

async function page(c: MastodonContext, member: Member) {
  const limit = Math.min(Number(c.req.query("limit") ?? 20) || 20, 80);
  const types = c.req.queries("types[]") ?? c.req.queries("types");
  const all = await notificationsOf(c, member, { limit, max: c.req.query("max_id"), since: c.req.query("since_id") ?? c.req.query("min_id") });
  return all.filter((n) => !types?.length || types.includes(n.type));
}

/** A page of the member's notifications as entities, newest first, between the ids given. */
export async function notificationsOf(c: MastodonContext, member: Member, bounds: { limit: number; max?: string; since?: string }) {
  const { limit, max, since } = bounds;
  const before = max && /^\d{13}/.test(max) ? new Date(Number(max.slice(0, 13))) : undefined;
  const after = since && /^\d{13}/.test(since) ? new Date(Number(since.slice(0, 13))) : undefined;
  const rows = await c.var.deps.db
    .select()
    .from(notificationTable)
    .where(
      and(
        eq(notificationTable.memberId, member.id),
        before ? lt(notificationTable.createdAt, before) : undefined,
        after ? gte(notificationTable.createdAt, after) : undefined,
      ),
    )
    .orderBy(desc(notificationTable.createdAt))
    .limit(limit);
  const all = await entitiesOf(c, member, rows);
  return all.filter((n) => !since || n.id > since);
}

export function notificationRoutes() {
  const app = mastodonRouter();
  app.get("/api/v1/notifications", scope("read:notifications"), async (c) => c.json(await page(c, userOf(c))));
  app.get("/api/v2/notifications", scope("read:notifications"), async (c) => {
    const list = await page(c, userOf(c));
    const accounts = [...new Map(list.map((n) => [n.account.id, n.account])).values()];
    const statuses = [...new Map(list.map((n) => [n.status.id, n.status])).values()];
    return c.json({
      accounts,
      statuses,
      notification_groups: list.map((n) => ({
        group_key: n.group_key,
        notifications_count: 1,
        type: n.type,
        most_recent_notification_id: n.id,
        page_min_id: n.id,
        page_max_id: n.id,
        latest_page_notification_at: n.created_at,
        sample_account_ids: [n.account.id],
        status_id: n.status.id,
      })),
    });
  });
  app.get("/api/v1/notifications/unread_count", scope("read:notifications"), async (c) => {
    const rows = await c.var.deps.db.select({ id: notificationTable.id }).from(notificationTable).where(eq(notificationTable.memberId, userOf(c).id));
    return c.json({ count: rows.length });
  });
  app.get("/api/v1/notifications/:id", scope("read:notifications"), async (c) => {
    const member = userOf(c);
    const id = parseNotificationId(c.req.param("id"));
    const rows = id ? await c.var.deps.db.select().from(notificationTable).where(and(eq(notificationTable.id, id), eq(notificationTable.memberId, member.id))) : [];
    const [entity] = await entitiesOf(c, member, rows);
    if (!entity) throw notFound();
    return c.json(entity);
  });
  app.post("/api/v1/notifications/:id/dismiss", scope("write:notifications"), async (c) => {
    const id = parseNotificationId(c.req.param("id"));
    if (!id) throw notFound();
    await c.var.deps.db.delete(notificationTable).where(and(eq(notificationTable.id, id), eq(notificationTable.memberId, userOf(c).id)));
    return c.json({});
  });
  app.post("/api/v1/notifications/clear", scope("write:notifications"), async (c) => {
    await c.var.deps.db.delete(notificationTable).where(eq(notificationTable.memberId, userOf(c).id));
    return c.json({});
  });


  // Private conversations about offers: the member's answers to others' offers, and answers to theirs.
  app.get("/api/v1/conversations", scope("read:statuses"), async (c) => {
    const member = userOf(c);
    const db = c.var.deps.db;
    const limit = Math.min(Number(c.req.query("limit") ?? 20) || 20, 40);
    if (c.req.query("limit") !== undefined && !Number(c.req.query("limit"))) throw invalid("limit must be a number");
    const rows = await db
      .select({ response: offerResponseTable, offerId: offerTable.id, offerCreatedAt: offerTable.createdAt })
      .from(offerResponseTable)
      .innerJoin(offerTable, eq(offerTable.id, offerResponseTable.offerId))
      .where(or(eq(offerResponseTable.responderId, member.id), eq(offerTable.authorId, member.id)))
      .orderBy(desc(offerResponseTable.createdAt))
      .limit(limit);
    const accounts = new Accounts(db, origin(c), avatarOf(c));
    const out = [];
    for (const row of rows) {
      const thread = await offerThread(db, member, row.offerId, origin(c));
      const conversation = thread?.detail.conversations.find((cv) => cv.id === row.response.id);
      if (!thread || !conversation) continue;
      const ids = new Set(conversation.messages.map((m) => statusId("m", m.id, m.createdAt)));
      const messages = thread.messages.filter((m) => ids.has(m.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
      const [last] = await toStatuses(messages.slice(-1).length ? messages.slice(-1) : [thread.offer], accounts);
      const people = await toStatuses([thread.offer, ...messages], accounts);
      const others = [...new Map(people.map((s) => [s.account.id, s.account])).values()].filter((a) => a.acct !== member.handle);
      out.push({ id: row.response.id, unread: false, accounts: others, last_status: last ? statusEntity(last, `${origin(c)}/`) : null });
    }
    return c.json(out);
  });
  return app;
}
