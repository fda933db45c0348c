// Whom the instance and its networks federate with: instance domain blocks
// (admin) and, per network, the hosts allowed in allowlist mode (animators).
// Hosts are stored lower case, without trailing dot; a port is kept when given.
import { and, asc, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { domainBlockTable, networkAllowedHostTable, type DomainBlock, type Member } from "../../db/schema/index.ts";
import { recordAct, selfActor } from "./acts.ts";
import { fail, ok, transact, type Result } from "./result.ts";
import { requireRole } from "./roles.ts";

const label = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const hostPattern = new RegExp(`^(?:${label}\\.)*${label}(?::\\d{1,5})?$`);

const invalidHost = () => fail("invalid", "invalid_host", "Give a host name like example.org", "host");

/** "Example.ORG.", "https://example.org/path" → "example.org"; null when it is not a host name. */
export function normalizeHost(input: string): string | null {
  let host = input.trim().toLowerCase();
  if (/^https?:\/\//.test(host)) {
    if (!URL.canParse(host)) return null;
    host = new URL(host).host;
  }
  host = host.replace(/\.(?=:\d+$|$)/, "");
  if (host.length === 0 || host.length > 253 || !hostPattern.test(host)) return null;
  const port = host.includes(":") ? Number(host.split(":")[1]) : 0;
  return port > 65535 ? null : host;
}

const hostnameOf = (host: string) => host.replace(/:\d+$/, "");

/** True when `host` (with or without port) is `rule` or one of its subdomains; a rule with a port matches that port only. */
export function hostMatches(host: string, rule: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  const r = rule.toLowerCase().replace(/\.$/, "");
  if (h === r) return true;
  if (r.includes(":")) return false;
  const name = hostnameOf(h);
  // IP addresses have no subdomains: "0.0.4" must not block 127.0.0.4.
  if (/^[\d.]+$/.test(name) || name.startsWith("[")) return name === r;
  return name === r || name.endsWith(`.${r}`);
}

const requireAdmin = (member: Member) =>
  member.isAdmin ? ok(member) : fail("forbidden", "admin_required", "Only the instance admin manages domain blocks");

export async function listDomainBlocks(db: DatabaseLike, member: Member): Promise<Result<DomainBlock[]>> {
  const admin = requireAdmin(member);
  if (!admin.ok) return admin;
  return ok(await db.select().from(domainBlockTable).orderBy(asc(domainBlockTable.host)));
}

export async function blockDomain(
  db: DatabaseLike,
  member: Member,
  input: { host: string; reason?: string },
  ownHost: string,
): Promise<Result<DomainBlock>> {
  const admin = requireAdmin(member);
  if (!admin.ok) return admin;
  const host = normalizeHost(input.host);
  if (host === null) return invalidHost();
  if (hostMatches(ownHost, host)) return fail("invalid", "own_host", "This instance cannot block itself", "host");
  return transact(db, async (tx) => {
    const [row] = await tx
      .insert(domainBlockTable)
      .values({ host, reason: input.reason?.trim() ?? "", createdById: member.id })
      .onConflictDoNothing()
      .returning();
    if (!row) return fail("conflict", "domain_already_blocked", `${host} is already blocked`, "host");
    await recordAct(tx, selfActor(member), "domain.block", { host });
    return ok(row);
  });
}

export async function unblockDomain(db: DatabaseLike, member: Member, input: string): Promise<Result<null>> {
  const admin = requireAdmin(member);
  if (!admin.ok) return admin;
  const host = normalizeHost(input) ?? input;
  return transact(db, async (tx) => {
    const deleted = await tx.delete(domainBlockTable).where(eq(domainBlockTable.host, host)).returning();
    if (deleted.length === 0) return fail("not_found", "domain_not_blocked", `${host} is not blocked`);
    await recordAct(tx, selfActor(member), "domain.unblock", { host });
    return ok(null);
  });
}

export async function listAllowedHosts(db: DatabaseLike, member: Member, slug: string): Promise<Result<string[]>> {
  const allowed = await requireRole(db, slug, member, "animator");
  if (!allowed.ok) return allowed;
  const rows = await db
    .select({ host: networkAllowedHostTable.host })
    .from(networkAllowedHostTable)
    .where(eq(networkAllowedHostTable.networkId, allowed.value.network.id))
    .orderBy(asc(networkAllowedHostTable.host));
  return ok(rows.map((r) => r.host));
}

export async function allowHost(db: DatabaseLike, member: Member, slug: string, input: string, ownHost: string): Promise<Result<string>> {
  const host = normalizeHost(input);
  if (host === null) return invalidHost();
  if (hostMatches(ownHost, host)) return fail("invalid", "own_host", "This instance is always allowed", "host");
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, member, "animator");
    if (!allowed.ok) return allowed;
    const networkId = allowed.value.network.id;
    const [row] = await tx.insert(networkAllowedHostTable).values({ networkId, host }).onConflictDoNothing().returning();
    if (!row) return fail("conflict", "host_already_allowed", `${host} is already allowed`, "host");
    await recordAct(tx, selfActor(member), "network.allow_host", { host }, networkId);
    return ok(host);
  });
}

export async function disallowHost(db: DatabaseLike, member: Member, slug: string, input: string): Promise<Result<null>> {
  const host = normalizeHost(input) ?? input;
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, member, "animator");
    if (!allowed.ok) return allowed;
    const networkId = allowed.value.network.id;
    const deleted = await tx
      .delete(networkAllowedHostTable)
      .where(and(eq(networkAllowedHostTable.networkId, networkId), eq(networkAllowedHostTable.host, host)))
      .returning();
    if (deleted.length === 0) return fail("not_found", "host_not_allowed", `${host} is not in the list`);
    await recordAct(tx, selfActor(member), "network.disallow_host", { host }, networkId);
    return ok(null);
  });
}
