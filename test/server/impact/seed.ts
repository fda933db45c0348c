// A small fixed network life for the impact figures, all dates in 2024–2025
// (Europe/Paris): Les Lilas (6 members, 5 offers and requests, 5 events,
// library and bookings), two partner networks on this instance — Les
// Tilleuls shares its figures, Les Érables refuses — one elsewhere, and a
// regional network, Réseau Coop, that adds up what its partners share.
import type { DatabaseLike } from "../../../db/client.ts";
import {
  bookingTable,
  eventParticipationTable,
  eventTable,
  exchangeParticipantTable,
  impactSettingsTable,
  memberTable,
  membershipTable,
  networkTable,
  offerResponseTable,
  offerTable,
  offerThanksTable,
  partnershipTable,
  remoteActorTable,
  resourceAdoptionTable,
  resourceTable,
  sponsorshipTable,
  themeTable,
  type Member,
  type Network,
} from "../../../db/schema/index.ts";

export const ORIGIN = "https://maillage.test";
/** After everything below: 2025 is over, a café is coming in February 2026. */
export const NOW = new Date("2026-01-15T12:00:00Z");
const at = (iso: string) => new Date(`${iso}${iso.length === 10 ? "T10:00:00" : ""}+01:00`);

export interface Seeded {
  lilas: Network;
  tilleuls: Network;
  erables: Network;
  coop: Network;
  people: Record<string, Member>;
}

export async function seedImpact(db: DatabaseLike): Promise<Seeded> {
  const [lilas, tilleuls, erables, coop] = await db
    .insert(networkTable)
    .values([
      { slug: "lilas", name: "Les Lilas" },
      { slug: "tilleuls", name: "Les Tilleuls" },
      { slug: "erables", name: "Les Érables" },
      { slug: "coop", name: "Réseau Coop" },
    ])
    .returning();
  const names = ["anna", "bruno", "chloe", "dede", "emile", "fanny", "gina", "paul", "rita", "regine"];
  const members = await db.insert(memberTable).values(names.map((handle) => ({ handle, displayName: handle[0].toUpperCase() + handle.slice(1) }))).returning();
  const p = Object.fromEntries(members.map((m) => [m.handle, m])) as Record<string, Member>;
  const join = (network: Network, handle: string, joinedAt: string, role: "member" | "animator" | "pilot" = "member", household: string | null = null) => ({
    networkId: network.id, memberId: p[handle].id, role, joinedAt: at(joinedAt), household,
  });
  // Households: Anna and Bruno live together, so do Chloé and Dédé (her sponsor); Emile and Fanny gave none.
  await db.insert(membershipTable).values([
    join(lilas, "anna", "2024-03-10", "animator", "A 3"),
    join(lilas, "emile", "2024-11-05"),
    join(lilas, "bruno", "2025-02-01", "member", "a 3"),
    join(lilas, "fanny", "2025-04-01"),
    join(lilas, "chloe", "2025-06-15", "member", "Famille Blanc"),
    join(lilas, "dede", "2025-06-20", "member", "famille blanc"),
    join(tilleuls, "gina", "2024-01-01"),
    join(tilleuls, "paul", "2025-01-05", "animator"),
    join(erables, "rita", "2025-02-02", "animator"),
    join(coop, "regine", "2024-09-09", "pilot"),
  ]);
  await db.insert(sponsorshipTable).values({ sponsorId: p.chloe.id, sponsoredId: p.dede.id, networkId: lilas.id, createdAt: at("2025-06-20") });

  const themes = Object.fromEntries((await db.select().from(themeTable)).map((t) => [t.slug, t.id]));
  const offer = (network: Network, author: string, kind: "offer" | "request", theme: string, createdAt: string, extra: Partial<typeof offerTable.$inferInsert> = {}) => ({
    networkId: network.id, authorId: p[author].id, postedById: p[author].id, kind, themeId: themes[theme], themeSlug: theme, title: `${kind} ${theme} ${createdAt}`, createdAt: at(createdAt), ...extra,
  });
  const [o1, , o3, o4] = await db
    .insert(offerTable)
    .values([
      offer(lilas, "bruno", "offer", "pret-de-materiel", "2025-03-01", { status: "done", doneAt: at("2025-03-10") }),
      offer(lilas, "chloe", "request", "coups-de-main", "2025-07-01"),
      offer(lilas, "dede", "offer", "don", "2025-08-01", { status: "done", doneAt: at("2025-08-05"), postedById: p.chloe.id }),
      offer(lilas, "emile", "offer", "pret-de-materiel", "2024-12-01", { status: "done", doneAt: at("2025-01-10") }),
      offer(lilas, "anna", "request", "conseils", "2024-05-01"),
      offer(tilleuls, "gina", "offer", "loisirs", "2025-04-04"),
    ])
    .returning();
  await db.insert(offerResponseTable).values([
    { offerId: o1.id, responderId: p.chloe.id, agreedAt: at("2025-03-03"), createdAt: at("2025-03-02") },
    { offerId: o3.id, responderId: p.emile.id, agreedAt: at("2025-08-04"), createdAt: at("2025-08-03") },
    { offerId: o4.id, responderId: p.anna.id, agreedAt: at("2024-12-03"), createdAt: at("2024-12-02") },
  ]);
  const took = (o: { id: string }, handle: string, doneAt: string) => ({ offerId: o.id, memberId: p[handle].id, networkId: lilas.id, doneAt: at(doneAt) });
  await db.insert(exchangeParticipantTable).values([
    took(o1, "bruno", "2025-03-10"), took(o1, "chloe", "2025-03-10"),
    took(o3, "dede", "2025-08-05"), took(o3, "emile", "2025-08-05"),
    took(o4, "emile", "2025-01-10"), took(o4, "anna", "2025-01-10"),
  ]);
  await db.insert(offerThanksTable).values({ offerId: o1.id, fromId: p.chloe.id, toId: p.bruno.id, note: "Merci !", createdAt: at("2025-03-11") });

  const event = (network: Network, kind: "cafe" | "atelier", startsAt: string, extra: Partial<typeof eventTable.$inferInsert> = {}) => ({
    networkId: network.id, kind, title: `${kind} ${startsAt}`, startsAt: at(startsAt), endsAt: new Date(at(startsAt).getTime() + 2 * 3600_000), placeName: "Salle", ...extra,
  });
  const [e1, e2, e3, e4, e5, e6] = await db
    .insert(eventTable)
    .values([
      event(lilas, "cafe", "2025-02-01", { visibility: "public" }),
      event(lilas, "atelier", "2025-09-10"),
      event(lilas, "cafe", "2025-10-04", { cancelled: true }),
      event(lilas, "cafe", "2024-06-01"),
      event(lilas, "cafe", "2026-02-07", { visibility: "public" }),
      event(tilleuls, "cafe", "2025-05-05"),
    ])
    .returning();
  const answer = (e: { id: string }, handle: string, status: "going" | "maybe", attended: boolean | null = null) => ({ eventId: e.id, memberId: p[handle].id, status, attended });
  await db.insert(eventParticipationTable).values([
    answer(e1, "anna", "going", true), answer(e1, "bruno", "going", true), answer(e1, "chloe", "going", false),
    answer(e2, "emile", "going"), answer(e2, "bruno", "maybe"),
    answer(e3, "dede", "going"),
    answer(e4, "anna", "going"),
    answer(e5, "anna", "going"),
    answer(e6, "gina", "going"),
  ]);

  const [r1, r2, r3, r4] = await db
    .insert(resourceTable)
    .values([
      { networkId: lilas.id, kind: "fiche", title: "Fiche café", visibility: "public", createdAt: at("2025-04-01") },
      { networkId: lilas.id, kind: "materiel", title: "Perceuse", visibility: "partners", createdAt: at("2025-05-01") },
      { networkId: lilas.id, kind: "lieu", title: "Salle commune", visibility: "partners", createdAt: at("2024-02-01") },
      { networkId: tilleuls.id, kind: "materiel", title: "Remorque", visibility: "partners", createdAt: at("2024-01-01") },
    ])
    .returning();
  const r1Url = `${ORIGIN}/n/lilas/r/${r1.id}`;
  await db.insert(resourceAdoptionTable).values({ networkId: tilleuls.id, originId: r1Url, createdAt: at("2025-05-01") });
  await db.insert(resourceTable).values({
    networkId: tilleuls.id, kind: "fiche", title: "Fiche café (adaptée)", createdAt: at("2025-06-01"),
    derivation: [{ id: r1Url, url: r1Url, title: "Fiche café", networkId: `${ORIGIN}/n/lilas`, networkName: "Les Lilas", authors: [], licence: "CC-BY-SA-4.0" }],
  });
  const booking = (resourceId: string, requester: Network, startsAt: string, state: "accepted" | "declined" = "accepted") => ({
    resourceId, requesterNetworkId: requester.id, startsAt: at(startsAt), endsAt: new Date(at(startsAt).getTime() + 48 * 3600_000), state,
  });
  await db.insert(bookingTable).values([
    booking(r2.id, tilleuls, "2025-07-01"),
    booking(r2.id, tilleuls, "2025-08-01", "declined"),
    booking(r3.id, tilleuls, "2024-03-01"),
    booking(r4.id, lilas, "2025-09-01"),
  ]);

  const actor = (slug: string) => `${ORIGIN}/n/${slug}`;
  const fontaine = "https://ailleurs.example/n/fontaine";
  await db.insert(remoteActorTable).values({ id: fontaine, type: "Group", host: "ailleurs.example", inbox: `${fontaine}/inbox`, name: "La Fontaine" });
  const partners = (network: Network, partner: string, decidedAt: string) => ({ networkId: network.id, partnerActorId: partner, state: "active" as const, decidedAt: at(decidedAt) });
  await db.insert(partnershipTable).values([
    partners(lilas, actor("tilleuls"), "2025-03-15"), partners(tilleuls, actor("lilas"), "2025-03-15"),
    partners(lilas, actor("coop"), "2025-01-20"), partners(coop, actor("lilas"), "2025-01-20"),
    partners(tilleuls, actor("coop"), "2025-02-20"), partners(coop, actor("tilleuls"), "2025-02-20"),
    partners(erables, actor("coop"), "2025-02-21"), partners(coop, actor("erables"), "2025-02-21"),
    partners(coop, fontaine, "2025-03-01"),
  ]);
  await db.insert(impactSettingsTable).values([
    { networkId: lilas.id, shareWithPartners: true },
    { networkId: tilleuls.id, shareWithPartners: true },
    { networkId: erables.id, shareWithPartners: false },
    { networkId: coop.id, showPartners: true },
  ]);
  return { lilas, tilleuls, erables, coop, people: p };
}
