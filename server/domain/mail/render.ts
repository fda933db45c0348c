// Turns an outbox row into the email itself, at send time: in the member's
// language, with their network's name and logo and their unsubscribe link.
import { asc, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { membershipTable, memberTable, networkTable, type MailOutbox } from "../../../db/schema/index.ts";
import { mediaUrl } from "../media.ts";
import { networkIconOf } from "../network-icon.ts";
import { renderLayout } from "./layout.ts";
import { templates, type Locale } from "./templates.ts";
import type { OutgoingMail } from "./transport.ts";
import { unsubscribeToken } from "./unsubscribe.ts";

export interface MailSite {
  origin: string;
  from: string;
  secretKey: string;
}

export async function renderMail(db: DatabaseLike, site: MailSite, row: MailOutbox): Promise<OutgoingMail | undefined> {
  const template = templates[row.template];
  if (!template) return undefined;
  const params = template.load ? await template.load(db, row.params) : row.params;
  if (!params) return undefined;
  const [member] = row.memberId ? await db.select().from(memberTable).where(eq(memberTable.id, row.memberId)) : [];
  const locale: Locale = member?.locale === "en" ? "en" : "fr";
  const network = await networkFor(db, row.memberId, typeof params.network === "string" ? params.network : undefined);
  const networkName = network?.name ?? "Maillage";
  const icon = network ? await networkIconOf(db, network.id) : undefined;
  const content = template.render({ locale, displayName: member?.displayName ?? "", origin: site.origin, networkName, params });
  const unsubscribeUrl = member ? `${site.origin}/unsubscribe/${unsubscribeToken(site.secretKey, member.id, template.scope(params))}` : undefined;
  const { html, text } = renderLayout(content, {
    locale,
    networkName,
    logoUrl: icon ? mediaUrl(site.origin, icon) : undefined,
    preferencesUrl: `${site.origin}/me/email`,
    unsubscribeUrl,
    reason: template.reason(locale, networkName),
  });
  const headers: Record<string, string> = { "Auto-Submitted": "auto-generated" };
  if (unsubscribeUrl) {
    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the API link.
    headers["List-Unsubscribe"] = `<${site.origin}/api/mail/unsubscribe/${unsubscribeUrl.split("/").pop()}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  if (network) headers["List-Id"] = `${network.name.replace(/[<>"]/g, "")} <${network.slug}.${new URL(site.origin).hostname}>`;
  return {
    id: row.id,
    from: site.from,
    to: row.toAddress,
    subject: content.subject,
    html,
    text,
    headers,
    messageId: `<${row.id}@${new URL(site.origin).hostname}>`,
  };
}

/** The network named in the params, else the member's first one. */
async function networkFor(db: DatabaseLike, memberId: string | null, slug: string | undefined) {
  if (slug) {
    const [n] = await db.select().from(networkTable).where(eq(networkTable.slug, slug));
    if (n) return n;
  }
  if (!memberId) return undefined;
  const [n] = await db
    .select({ network: networkTable })
    .from(membershipTable)
    .innerJoin(networkTable, eq(networkTable.id, membershipTable.networkId))
    .where(eq(membershipTable.memberId, memberId))
    .orderBy(asc(membershipTable.joinedAt))
    .limit(1);
  return n?.network;
}
