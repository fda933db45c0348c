// A member blocks another member or a remote account. Blocking is silent: the
// other side is told nothing. What it does is checked where things arrive or
// are listed, through the small API below (also used by moderation):
// - isBlocked(db, memberId, actorIri): has this member blocked that remote account?
// - blockedActorIds(db, memberId): the remote accounts this member blocked;
// - blockedMemberIds(db, memberId): members blocked either way (neither sees the other's offers).
import { and, asc, eq, or } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { memberBlockTable, memberTable, remoteActorTable, type Member } from "../../../db/schema/index.ts";
import { remoteAuthorView, type RemoteAuthorView } from "../announcement-views.ts";
import { recordAct, type Actor } from "../acts.ts";
import { isUuid } from "../ids.ts";
import { findMemberByHandle } from "../members.ts";
import { fail, ok, transact, type Result } from "../result.ts";

export interface BlockView {
  id: string;
  /** A member of this instance… */
  member?: { handle: string; displayName: string };
  /** …or an account elsewhere. */
  account?: RemoteAuthorView;
  createdAt: Date;
}

/** Has `memberId` blocked the remote account `actorIri`? */
export async function isBlocked(db: DatabaseLike, memberId: string, actorIri: string): Promise<boolean> {
  const [row] = await db
    .select({ id: memberBlockTable.id })
    .from(memberBlockTable)
    .where(and(eq(memberBlockTable.memberId, memberId), eq(memberBlockTable.blockedActorId, actorIri)))
    .limit(1);
  return row !== undefined;
}

/** The remote accounts `memberId` blocked. */
export async function blockedActorIds(db: DatabaseLike, memberId: string): Promise<string[]> {
  const rows = await db
    .select({ id: memberBlockTable.blockedActorId })
    .from(memberBlockTable)
    .where(eq(memberBlockTable.memberId, memberId));
  return rows.flatMap((r) => (r.id ? [r.id] : []));
}

/** Members `memberId` blocked or was blocked by: neither sees the other's offers nor answers them. */
export async function blockedMemberIds(db: DatabaseLike, memberId: string): Promise<string[]> {
  const rows = await db
    .select({ blocker: memberBlockTable.memberId, blocked: memberBlockTable.blockedMemberId })
    .from(memberBlockTable)
    .where(or(eq(memberBlockTable.memberId, memberId), eq(memberBlockTable.blockedMemberId, memberId)));
  return [...new Set(rows.flatMap((r) => (r.blocker === memberId ? (r.blocked ? [r.blocked] : []) : [r.blocker])))];
}

/** Is there a block between these two members, either way? */
export async function blockedBetween(db: DatabaseLike, a: string, b: string): Promise<boolean> {
  if (a === b) return false;
  const [row] = await db
    .select({ id: memberBlockTable.id })
    .from(memberBlockTable)
    .where(
      or(
        and(eq(memberBlockTable.memberId, a), eq(memberBlockTable.blockedMemberId, b)),
        and(eq(memberBlockTable.memberId, b), eq(memberBlockTable.blockedMemberId, a)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function listBlocks(db: DatabaseLike, member: Member): Promise<BlockView[]> {
  const rows = await db
    .select({ block: memberBlockTable, member: memberTable, account: remoteActorTable })
    .from(memberBlockTable)
    .leftJoin(memberTable, eq(memberTable.id, memberBlockTable.blockedMemberId))
    .leftJoin(remoteActorTable, eq(remoteActorTable.id, memberBlockTable.blockedActorId))
    .where(eq(memberBlockTable.memberId, member.id))
    .orderBy(asc(memberBlockTable.createdAt));
  return rows.map((r) => ({
    id: r.block.id,
    ...(r.member ? { member: { handle: r.member.handle, displayName: r.member.displayName } } : {}),
    ...(r.account ? { account: remoteAuthorView(r.account) } : {}),
    createdAt: r.block.createdAt,
  }));
}

export interface BlockTarget {
  /** A member of this instance, by handle. */
  handle?: string;
  /** A remote account we know (it wrote to the member, answered an offer…), by its id. */
  actor?: string;
}

/** Blocks a member (by handle) or a known remote account (by id); blocking twice is the same block. */
export async function block(db: DatabaseLike, actor: Actor, target: BlockTarget): Promise<Result<BlockView>> {
  if ((target.handle === undefined) === (target.actor === undefined)) {
    return fail("invalid", "block_target", "Give either a member's handle or an account's id", "handle");
  }
  return transact(db, async (tx) => {
    const me = actor.member;
    let values: { blockedMemberId?: string; blockedActorId?: string };
    if (target.handle !== undefined) {
      const other = await findMemberByHandle(tx, target.handle.replace(/^@/, ""));
      if (!other) return fail("not_found", "member_not_found", "No such member", "handle");
      if (other.id === me.id) return fail("invalid", "block_self", "You cannot block yourself", "handle");
      values = { blockedMemberId: other.id };
    } else {
      const [account] = await tx.select({ id: remoteActorTable.id }).from(remoteActorTable).where(eq(remoteActorTable.id, target.actor!)).limit(1);
      if (!account) return fail("not_found", "account_not_found", "No such account known here", "actor");
      values = { blockedActorId: account.id };
    }
    await tx.insert(memberBlockTable).values({ memberId: me.id, ...values }).onConflictDoNothing();
    await recordAct(tx, actor, "member.block", values);
    const [row] = await tx
      .select({ id: memberBlockTable.id })
      .from(memberBlockTable)
      .where(
        and(
          eq(memberBlockTable.memberId, me.id),
          values.blockedMemberId ? eq(memberBlockTable.blockedMemberId, values.blockedMemberId) : eq(memberBlockTable.blockedActorId, values.blockedActorId!),
        ),
      );
    return ok((await listBlocks(tx, me)).find((b) => b.id === row.id)!);
  });
}

export async function unblock(db: DatabaseLike, actor: Actor, id: string): Promise<Result<void>> {
  if (!isUuid(id)) return fail("not_found", "block_not_found", "No such block");
  const removed = await db
    .delete(memberBlockTable)
    .where(and(eq(memberBlockTable.id, id), eq(memberBlockTable.memberId, actor.member.id)))
    .returning({ id: memberBlockTable.id });
  if (removed.length === 0) return fail("not_found", "block_not_found", "No such block");
  await recordAct(db, actor, "member.unblock", { id });
  return ok(undefined);
}

/** For the export of the member's data. */
export async function blocksExportOf(db: DatabaseLike, member: Member) {
  return listBlocks(db, member);
}

