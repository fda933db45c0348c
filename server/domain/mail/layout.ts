// The one look of every email: the network's name (and logo), the content,
// and a footer saying why it came and how to stop it. Always an HTML part and
// a plain-text part saying the same.
export interface MailContent {
  subject: string;
  /** Paragraphs of plain text (escaped in HTML). */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Ready HTML (a newsletter's rendered Markdown) with its plain-text version. */
  body?: { html: string; text: string };
  /** Lines after the action (validity of a link...). */
  after?: string[];
}

export interface Branding {
  locale: "fr" | "en";
  networkName: string;
  logoUrl?: string;
  preferencesUrl: string;
  unsubscribeUrl?: string;
  /** Why this email came: "Vous recevez ce courriel parce que…". */
  reason: string;
}

export const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const footerWords = {
  fr: { preferences: "Choisir les courriels que je reçois", unsubscribe: "Ne plus recevoir ces courriels" },
  en: { preferences: "Choose which emails I receive", unsubscribe: "Stop these emails" },
};

export function renderLayout(content: MailContent, brand: Branding): { html: string; text: string } {
  const words = footerWords[brand.locale];
  const p = (s: string) => `<p style="margin:0 0 16px;font-size:16px;line-height:1.5">${escapeHtml(s)}</p>`;
  const logo = brand.logoUrl ? `<img src="${escapeHtml(brand.logoUrl)}" alt="" width="48" height="48" style="vertical-align:middle;border-radius:8px;margin-right:8px">` : "";
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#1f6f4a;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;font-size:16px">${escapeHtml(content.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#555;word-break:break-all">${escapeHtml(content.action.url)}</p>`
    : "";
  const footerLinks = [`<a href="${escapeHtml(brand.preferencesUrl)}" style="color:#555">${words.preferences}</a>`];
  if (brand.unsubscribeUrl) footerLinks.push(`<a href="${escapeHtml(brand.unsubscribeUrl)}" style="color:#555">${words.unsubscribe}</a>`);
  const html = `<!doctype html>
<html lang="${brand.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f1ea;font-family:Arial,Helvetica,sans-serif;color:#1d1d1b">
<div style="max-width:600px;margin:0 auto;padding:16px">
<div style="padding:12px 0;font-size:18px;font-weight:bold">${logo}${escapeHtml(brand.networkName)}</div>
<div style="background:#fff;border-radius:8px;padding:24px">
${content.paragraphs.map(p).join("\n")}
${content.body?.html ?? ""}
${action}
${(content.after ?? []).map(p).join("\n")}
</div>
<p style="font-size:12px;color:#555;line-height:1.5;margin:16px 0">${escapeHtml(brand.reason)}<br>${footerLinks.join(" · ")}</p>
</div></body></html>`;
  const lines = [brand.networkName, "", ...content.paragraphs.flatMap((s) => [s, ""])];
  if (content.body) lines.push(content.body.text, "");
  if (content.action) lines.push(`${content.action.label} :`, content.action.url, "");
  for (const s of content.after ?? []) lines.push(s, "");
  lines.push("-- ", brand.reason, `${words.preferences} : ${brand.preferencesUrl}`);
  if (brand.unsubscribeUrl) lines.push(`${words.unsubscribe} : ${brand.unsubscribeUrl}`);
  return { html, text: lines.join("\n") + "\n" };
}
