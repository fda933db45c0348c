// Ready-made Markdown blocks for a newsletter, filled from what the network
// holds: the coming events, the next café, the month's new offers and requests
// by theme, new resources, and the exchanges done. Animators paste and edit them.
import { and, asc, count, desc, eq, gt, gte, isNull } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { eventTable, offerTable, resourceTable, themeTable, type Network } from "../../../db/schema/index.ts";

export interface Block {
  key: "events" | "cafe" | "offers" | "resources" | "exchanges";
  markdown: string;
}

const when = (d: Date) =>
  new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" }).format(d);

export async function newsletterBlocks(db: DatabaseLike, network: Network, origin: string, now = new Date()): Promise<Block[]> {
  const monthAgo = new Date(now.getTime() - 30 * 86_400_000);
  const link = (path: string) => `${origin}${path}`;
  const events = await db
    .select()
    .from(eventTable)
    .where(and(eq(eventTable.networkId, network.id), gt(eventTable.startsAt, now), eq(eventTable.cancelled, false), isNull(eventTable.hiddenAt)))
    .orderBy(asc(eventTable.startsAt))
    .limit(6);
  const cafe = events.find((e) => e.kind === "cafe");
  const offers = await db
    .select({ id: offerTable.id, kind: offerTable.kind, title: offerTable.title, theme: themeTable.labelFr })
    .from(offerTable)
    .leftJoin(themeTable, eq(themeTable.id, offerTable.themeId))
    .where(and(eq(offerTable.networkId, network.id), gte(offerTable.createdAt, monthAgo), eq(offerTable.status, "open")))
    .orderBy(asc(themeTable.labelFr), desc(offerTable.createdAt))
    .limit(40);
  const resources = await db
    .select({ id: resourceTable.id, title: resourceTable.title })
    .from(resourceTable)
    .where(and(eq(resourceTable.networkId, network.id), gte(resourceTable.createdAt, monthAgo), isNull(resourceTable.hiddenAt)))
    .orderBy(desc(resourceTable.createdAt))
    .limit(10);
  const [done] = await db
    .select({ n: count() })
    .from(offerTable)
    .where(and(eq(offerTable.networkId, network.id), eq(offerTable.status, "done"), gte(offerTable.doneAt, monthAgo)));
  const byTheme = new Map<string, typeof offers>();
  for (const o of offers) byTheme.set(o.theme ?? "Divers", [...(byTheme.get(o.theme ?? "Divers") ?? []), o]);
  const slug = network.slug;
  return [
    {
      key: "events",
      markdown: events.length
        ? `## Prochains rendez-vous\n\n${events.map((e) => `- **[${e.title}](${link(`/n/${slug}/e/${e.id}`)})** — ${when(e.startsAt)}, ${e.placeName}`).join("\n")}\n`
        : "## Prochains rendez-vous\n\nPas de rendez-vous prévu pour l'instant : proposez-en un !\n",
    },
    {
      key: "cafe",
      markdown: cafe
        ? `## Le prochain café-rencontre\n\n${when(cafe.startsAt)}, ${cafe.placeName}. Venez comme vous êtes : [les détails](${link(`/n/${slug}/e/${cafe.id}`)}).\n`
        : "## Le prochain café-rencontre\n\nLa date sera bientôt annoncée.\n",
    },
    {
      key: "offers",
      markdown: offers.length
        ? `## Nouvelles offres et demandes\n\n${[...byTheme].map(([theme, list]) => `### ${theme}\n\n${list.map((o) => `- ${o.kind === "offer" ? "Propose" : "Cherche"} : [${o.title}](${link(`/n/${slug}/o/${o.id}`)})`).join("\n")}`).join("\n\n")}\n`
        : "## Nouvelles offres et demandes\n\nRien de neuf ce mois-ci : et vous, que pourriez-vous proposer ?\n",
    },
    {
      key: "resources",
      markdown: resources.length
        ? `## Nouvelles fiches\n\n${resources.map((r) => `- [${r.title}](${link(`/n/${slug}/r/${r.id}`)})`).join("\n")}\n`
        : "## Nouvelles fiches\n\nPas de nouvelle fiche ce mois-ci.\n",
    },
    {
      key: "exchanges",
      markdown: `## Ce mois-ci\n\n${done.n} échange${done.n > 1 ? "s" : ""} réalisé${done.n > 1 ? "s" : ""} entre voisins. Merci à toutes et à tous !\n`,
    },
  ];
}
