// The member owns their data: they can read it all, change it, and delete it.
import { eq, or } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { actLogTable, announcementTable, mastodonAppTable, mastodonCodeTable, mastodonPushTable, mastodonTokenTable, followingTable, mediaTable, invitationTable, memberTable, membershipTable, networkTable, sessionTable, sponsorshipTable, type Member } from "../../db/schema/index.ts";
import { recordAct, type Actor } from "./acts.ts";
import { memberView } from "./members.ts";
import { noProfileUpdates, type ProfileUpdates } from "./profile-updates.ts";
import { verifyPassword } from "./passwords.ts";
import { fail, ok, transact, type Result } from "./result.ts";
import { reactionsExportOf } from "./reactions/mine.ts";
import { questionnaireOf } from "./themes.ts";
import { eventsExport } from "./events/export.ts";
import { offersExportOf } from "./offers/export.ts";
import { commonsExportOf } from "./commons/export.ts";
import { toolkitExportOf } from "./tasks/export.ts";
import { messagesExportOf } from "./messages/conversations.ts";
import { blocksExportOf } from "./blocks/blocks.ts";
import { reportsExportOf } from "./moderation/reports.ts";
import { changeEmail } from "./recovery/email-address.ts";
import { mailExportOf } from "./mail/export.ts";

export interface ProfileFields {
  displayName?: string;
  email?: string | null;
  locale?: "fr" | "en";
  bio?: string;
}

export async function updateProfile(
  db: DatabaseLike,
  actor: Actor,
  fields: ProfileFields,
  updates: ProfileUpdates = noProfileUpdates,
): Promise<Result<Member>> {
  return transact(db, async (tx) => {
    // A new address waits for its confirmation link; removing one is at once.
    const { email, ...rest } = fields;
    if (email !== undefined) {
      const changed = await changeEmail(tx, actor, email);
      if (!changed.ok) return changed;
    }
    const [member] = Object.keys(rest).length
      ? await tx.update(memberTable).set(rest).where(eq(memberTable.id, actor.member.id)).returning()
      : await tx.select().from(memberTable).where(eq(memberTable.id, actor.member.id));
    await recordAct(tx, actor, "profile.update", { fields: Object.keys(fields) });
    // What the fediverse shows of a member: their name and presentation.
    if (fields.displayName !== undefined || fields.bio !== undefined) await updates.memberChanged(tx, member.handle);
    return ok(member);
  });
}

/** Everything the instance holds about a member, as one JSON document. */
export async function exportData(db: DatabaseLike, member: Member) {
  const memberships = await db
    .select({ network: networkTable.slug, name: networkTable.name, role: membershipTable.role, joinedAt: membershipTable.joinedAt, household: membershipTable.household })
    .from(membershipTable)
    .innerJoin(networkTable, eq(networkTable.id, membershipTable.networkId))
    .where(eq(membershipTable.memberId, member.id));
  const sponsorships = await db
    .select()
    .from(sponsorshipTable)
    .where(or(eq(sponsorshipTable.sponsorId, member.id), eq(sponsorshipTable.sponsoredId, member.id)));
  const acts = await db
    .select()
    .from(actLogTable)
    .where(or(eq(actLogTable.forMemberId, member.id), eq(actLogTable.byMemberId, member.id)));
  const sessions = await db
    .select({ createdAt: sessionTable.createdAt, expiresAt: sessionTable.expiresAt })
    .from(sessionTable)
    .where(eq(sessionTable.memberId, member.id));
  const invitationsIssued = await db
    .select({ code: invitationTable.code, createdAt: invitationTable.createdAt, uses: invitationTable.uses })
    .from(invitationTable)
    .where(eq(invitationTable.createdById, member.id));
  const announcements = await db
    .select({ id: announcementTable.id, network: networkTable.slug, content: announcementTable.content, visibility: announcementTable.visibility, createdAt: announcementTable.createdAt, updatedAt: announcementTable.updatedAt })
    .from(announcementTable)
    .innerJoin(networkTable, eq(networkTable.id, announcementTable.networkId))
    .where(eq(announcementTable.authorId, member.id));
  const following = await db
    .select({ actor: followingTable.remoteActorId, state: followingTable.state, since: followingTable.createdAt })
    .from(followingTable)
    .where(eq(followingTable.memberId, member.id));
  // The files' metadata; the files themselves are linked from what they illustrate.
  const uploads = await db
    .select({ id: mediaTable.id, name: mediaTable.name, contentType: mediaTable.contentType, size: mediaTable.size, attachedTo: mediaTable.ownerType, createdAt: mediaTable.createdAt })
    .from(mediaTable)
    .where(eq(mediaTable.uploaderId, member.id));
  return {
    exportedAt: new Date().toISOString(),
    format: "maillage-export/1",
    member: { ...memberView(member), acceptedPrinciplesAt: member.acceptedPrinciplesAt, createdAt: member.createdAt },
    memberships,
    questionnaire: await questionnaireOf(db, member),
    sponsorships,
    acts,
    sessions,
    invitationsIssued,
    announcements,
    following,
    uploads,
    events: await eventsExport(db, member),
    offers: await offersExportOf(db, member),
    commons: await commonsExportOf(db, member),
    toolkit: await toolkitExportOf(db, member),
    // Private conversations with accounts elsewhere, and whom the member blocked.
    messages: await messagesExportOf(db, member),
    blocks: await blocksExportOf(db, member),
    // The reports they made; reports about them are the animators' and would name their reporters.
    reports: await reportsExportOf(db, member),
    mail: await mailExportOf(db, member),
    mastodonApps: await mastodonAppsExportOf(db, member),
    // Likes, boosts and bookmarks made from an app (deleted with the account: the rows cascade).
    reactions: await reactionsExportOf(db, member),
  };
}

/** The Mastodon apps the member let in (tokens and codes are secrets: only when and what). */
async function mastodonAppsExportOf(db: DatabaseLike, member: Member) {
  const tokens = await db
    .select({ app: mastodonAppTable.name, website: mastodonAppTable.website, scopes: mastodonTokenTable.scopes, createdAt: mastodonTokenTable.createdAt, lastUsedAt: mastodonTokenTable.lastUsedAt })
    .from(mastodonTokenTable)
    .innerJoin(mastodonAppTable, eq(mastodonAppTable.id, mastodonTokenTable.appId))
    .where(eq(mastodonTokenTable.memberId, member.id));
  const pendingCodes = await db
    .select({ app: mastodonAppTable.name, scopes: mastodonCodeTable.scopes, expiresAt: mastodonCodeTable.expiresAt, usedAt: mastodonCodeTable.usedAt })
    .from(mastodonCodeTable)
    .innerJoin(mastodonAppTable, eq(mastodonAppTable.id, mastodonCodeTable.appId))
    .where(eq(mastodonCodeTable.memberId, member.id));
  const pushSubscriptions = await db
    .select({ endpoint: mastodonPushTable.endpoint, alerts: mastodonPushTable.alerts, policy: mastodonPushTable.policy, createdAt: mastodonPushTable.createdAt })
    .from(mastodonPushTable)
    .where(eq(mastodonPushTable.memberId, member.id));
  return { tokens, codes: pendingCodes, pushSubscriptions };
}

/**
 * Deletes the account and everything that is only theirs (memberships,
 * answers, sessions cascade). A member with a password confirms with it; a
 * sponsor deleting for a sponsored member confirms with their own.
 */
export async function deleteAccount(db: DatabaseLike, actor: Actor, password: string | undefined): Promise<Result<void>> {
  const confirming = actor.by;
  if (confirming.passwordHash && !(password && (await verifyPassword(confirming.passwordHash, password)))) {
    return fail("invalid", "wrong_password", "The password does not match", "password");
  }
  return transact(db, async (tx) => {
    if (actor.member.isAdmin) {
      const admins = await tx.select({ id: memberTable.id }).from(memberTable).where(eq(memberTable.isAdmin, true));
      if (admins.length <= 1) {
        return fail("conflict", "last_admin", "The last instance admin cannot delete their account; name another admin first");
      }
    }
    await tx.delete(memberTable).where(eq(memberTable.id, actor.member.id));
    return ok(undefined);
  });
}
