// Partnerships between networks (partenariats): A's animators ask B, B's
// animators accept or decline, either side ends it. States on each side:
//
//   asking side   outgoing → active | declined, active → ended
//   asked side    incoming → active | declined, active → ended
//
// With a network of this instance both rows change here, in one transaction;
// with a remote one the port federates it (Follow, Accept + follow back,
// Reject, Undo) and the remote answer updates our row (federation/partnerships.ts).
import { and, desc, eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import {
  networkTable,
  partnershipTable,
  remoteActorTable,
  type Member,
  type Network,
  type Partnership,
  type PartnershipState,
} from "../../db/schema/index.ts";
import { recordAct, selfActor } from "./acts.ts";
import { fail, ok, transact, type Result } from "./result.ts";
import { findNetwork, requireRole } from "./roles.ts";

/** What the domain needs from federation (implemented in federation/partnerships.ts). */
export interface PartnershipPort {
  /** This instance's host, e.g. "maillage.example". */
  host: string;
  localActorId(slug: string): string;
  /** The slug when the IRI is one of our networks' actors. */
  localSlug(actorId: string): string | null;
  /** A remote network (Group) by handle or URL, remembered in remote_actor. Runs outside transactions. */
  resolveRemote(query: string): Promise<Result<{ actorId: string }>>;
  /** Outbound activities, enqueued in the transaction `db`. */
  requested(db: DatabaseLike, network: Network, partnership: Partnership): Promise<void>;
  accepted(db: DatabaseLike, network: Network, partnership: Partnership): Promise<void>;
  declined(db: DatabaseLike, network: Network, partnership: Partnership): Promise<void>;
  ended(db: DatabaseLike, network: Network, partnership: Partnership): Promise<void>;
}

export interface PartnerView {
  actorId: string;
  handle: string | null;
  name: string | null;
  summary: string | null;
  url: string | null;
  local: boolean;
}

export interface PartnershipView {
  id: string;
  state: PartnershipState;
  message: string;
  requestedAt: Date;
  decidedAt: Date | null;
  partner: PartnerView;
}

const namePattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const handlePattern = /^@?([^@\s]+)@([^@\s]+)$/;

const partnerNotFound = () => fail("invalid", "partner_not_found", "No network found at this address", "partner");

/** Views of partnerships, their partners looked up (local networks or remote actors). */
async function views(db: DatabaseLike, port: PartnershipPort, rows: Partnership[]): Promise<PartnershipView[]> {
  const slugs = rows.flatMap((r) => port.localSlug(r.partnerActorId) ?? []);
  const remoteIds = rows.filter((r) => port.localSlug(r.partnerActorId) === null).map((r) => r.partnerActorId);
  const locals = slugs.length ? await db.select().from(networkTable).where(inArray(networkTable.slug, slugs)) : [];
  const remotes = remoteIds.length ? await db.select().from(remoteActorTable).where(inArray(remoteActorTable.id, remoteIds)) : [];
  return rows.map((r) => {
    const slug = port.localSlug(r.partnerActorId);
    const network = slug === null ? undefined : locals.find((n) => n.slug === slug);
    const remote = remotes.find((a) => a.id === r.partnerActorId);
    const partner: PartnerView = network
      ? { actorId: r.partnerActorId, handle: `@${network.slug}@${port.host}`, name: network.name, summary: network.description, url: r.partnerActorId, local: true }
      : {
          actorId: r.partnerActorId,
          handle: remote?.handle ?? null,
          name: remote?.name ?? null,
          summary: remote?.summary ?? null,
          url: remote?.url ?? r.partnerActorId,
          local: slug !== null,
        };
    return { id: r.id, state: r.state, message: r.message, requestedAt: r.requestedAt, decidedAt: r.decidedAt, partner };
  });
}

/** Active partners of a network: public. */
export async function listPartners(db: DatabaseLike, port: PartnershipPort, slug: string): Promise<Result<PartnerView[]>> {
  const network = await findNetwork(db, slug);
  if (!network.ok) return network;
  const rows = await db
    .select()
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, network.value.id), eq(partnershipTable.state, "active")))
    .orderBy(desc(partnershipTable.decidedAt));
  return ok((await views(db, port, rows)).map((v) => v.partner));
}

/** Every partnership of a network, requests included: animators. */
export async function listPartnerships(
  db: DatabaseLike,
  port: PartnershipPort,
  member: Member,
  slug: string,
): Promise<Result<PartnershipView[]>> {
  const allowed = await requireRole(db, slug, member, "animator");
  if (!allowed.ok) return allowed;
  const rows = await db
    .select()
    .from(partnershipTable)
    .where(eq(partnershipTable.networkId, allowed.value.network.id))
    .orderBy(desc(partnershipTable.requestedAt));
  return ok(await views(db, port, rows));
}

type PartnerRef = { local: true; network: Network } | { local: false; actorId: string };

/** "slug", "@slug@our.host", our network's URL → local; "@slug@host" or a URL elsewhere → remote (resolved by the port). */
async function resolvePartner(db: DatabaseLike, port: PartnershipPort, query: string): Promise<Result<PartnerRef>> {
  const q = query.trim();
  const handle = handlePattern.exec(q);
  let slug: string | null = null;
  if (namePattern.test(q.toLowerCase())) slug = q.toLowerCase();
  else if (handle && handle[2].toLowerCase() === port.host) slug = handle[1].toLowerCase();
  else if (URL.canParse(q)) slug = port.localSlug(new URL(q).href);
  else if (!handle) return fail("invalid", "invalid_partner", "Give a network's name, @name@host or URL", "partner");
  if (slug !== null) {
    const [network] = await db.select().from(networkTable).where(eq(networkTable.slug, slug)).limit(1);
    return network ? ok({ local: true, network }) : partnerNotFound();
  }
  const remote = await port.resolveRemote(q);
  return remote.ok ? ok({ local: false, actorId: remote.value.actorId }) : remote;
}

const stillOpen = (state: PartnershipState) => state === "outgoing" || state === "incoming" || state === "active";

/** Inserts or reopens (after declined / ended) one side's row. */
async function upsertSide(
  tx: DatabaseLike,
  networkId: string,
  partnerActorId: string,
  state: "outgoing" | "incoming",
  message: string,
): Promise<Result<Partnership>> {
  const [existing] = await tx
    .select()
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, networkId), eq(partnershipTable.partnerActorId, partnerActorId)))
    .limit(1);
  if (existing && stillOpen(existing.state)) {
    return fail("conflict", "partnership_exists", `There is already a partnership or a request (${existing.state})`, "partner");
  }
  const values = { state, message, requestedAt: new Date(), decidedAt: null, decidedById: null, requestActivityId: null };
  const [row] = existing
    ? await tx.update(partnershipTable).set(values).where(eq(partnershipTable.id, existing.id)).returning()
    : await tx.insert(partnershipTable).values({ networkId, partnerActorId, ...values }).returning();
  return ok(row);
}

export async function requestPartnership(
  db: DatabaseLike,
  port: PartnershipPort,
  member: Member,
  slug: string,
  input: { partner: string; message?: string },
): Promise<Result<PartnershipView>> {
  const allowed = await requireRole(db, slug, member, "animator");
  if (!allowed.ok) return allowed;
  const { network } = allowed.value;
  const partner = await resolvePartner(db, port, input.partner);
  if (!partner.ok) return partner;
  if (partner.value.local && partner.value.network.id === network.id) {
    return fail("invalid", "partner_self", "A network cannot be its own partner", "partner");
  }
  const message = input.message?.trim() ?? "";
  const result = await transact(db, async (tx) => {
    const partnerActorId = partner.value.local ? port.localActorId(partner.value.network.slug) : partner.value.actorId;
    const ours = await upsertSide(tx, network.id, partnerActorId, "outgoing", message);
    if (!ours.ok) return ours;
    if (partner.value.local) {
      const theirs = await upsertSide(tx, partner.value.network.id, port.localActorId(network.slug), "incoming", message);
      if (!theirs.ok) return theirs;
    } else {
      await port.requested(tx, network, ours.value);
    }
    await recordAct(tx, selfActor(member), "partnership.request", { partner: partnerActorId }, network.id);
    return ours;
  });
  if (!result.ok) return result;
  return ok((await views(db, port, [result.value]))[0]);
}

type Decision = "accept" | "decline" | "end";
const newState: Record<Decision, PartnershipState> = { accept: "active", decline: "declined", end: "ended" };

/** The partner network's row for us, when the partner is on this instance. */
async function mirrorRow(tx: DatabaseLike, port: PartnershipPort, network: Network, row: Partnership) {
  const slug = port.localSlug(row.partnerActorId);
  if (slug === null) return null;
  const [partner] = await tx.select().from(networkTable).where(eq(networkTable.slug, slug)).limit(1);
  if (!partner) return null;
  const [mirror] = await tx
    .select()
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, partner.id), eq(partnershipTable.partnerActorId, port.localActorId(network.slug))))
    .limit(1);
  return mirror ?? null;
}

/** accept / decline an incoming request; end an active partnership or withdraw an outgoing request. */
export async function decidePartnership(
  db: DatabaseLike,
  port: PartnershipPort,
  member: Member,
  slug: string,
  id: string,
  decision: Decision,
): Promise<Result<PartnershipView>> {
  const result = await transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, member, "animator");
    if (!allowed.ok) return allowed;
    const { network } = allowed.value;
    const [row] = /^[0-9a-f-]{36}$/i.test(id)
      ? await tx
          .select()
          .from(partnershipTable)
          .where(and(eq(partnershipTable.id, id), eq(partnershipTable.networkId, network.id)))
          .limit(1)
          .for("update")
      : [];
    if (!row) return fail("not_found", "partnership_not_found", "No such partnership in this network");
    if (decision === "end" ? row.state !== "active" && row.state !== "outgoing" : row.state !== "incoming") {
      return decision === "end"
        ? fail("conflict", "partnership_not_active", `This partnership is ${row.state}: nothing to end`)
        : fail("conflict", "partnership_not_incoming", `This partnership is ${row.state}, not a request to answer`);
    }
    const decidedAt = new Date();
    const [updated] = await tx
      .update(partnershipTable)
      .set({ state: newState[decision], decidedAt, decidedById: member.id })
      .where(eq(partnershipTable.id, row.id))
      .returning();
    const mirror = await mirrorRow(tx, port, network, row);
    if (mirror && stillOpen(mirror.state)) {
      await tx.update(partnershipTable).set({ state: newState[decision], decidedAt }).where(eq(partnershipTable.id, mirror.id));
    } else if (port.localSlug(row.partnerActorId) === null) {
      const send = { accept: port.accepted, decline: port.declined, end: port.ended }[decision];
      await send.call(port, tx, network, row);
    }
    await recordAct(tx, selfActor(member), `partnership.${decision}`, { partner: row.partnerActorId }, network.id);
    return ok(updated);
  });
  if (!result.ok) return result;
  return ok((await views(db, port, [result.value]))[0]);
}
