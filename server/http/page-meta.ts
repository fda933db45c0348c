// Writes a page's preview into the HTML shell the server sends: <title>, a
// description and the OpenGraph / Twitter tags that link cards read
// (Mastodon: og:title, og:description, og:image, og:site_name, og:type; it
// falls back to <title> and <meta name="description">). Every value is
// escaped here, once.
import type { PagePreview } from "../domain/previews/pages.ts";

/** The picture used when neither the item nor its network has one (web/public/preview.png). */
export const DEFAULT_IMAGE = { path: "/preview.png", contentType: "image/png", width: 512, height: 512, alt: "Maillage" };

const escapeAttr = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function metaTags(preview: PagePreview, origin: string): string {
  const image = preview.image ?? { ...DEFAULT_IMAGE, url: `${origin}${DEFAULT_IMAGE.path}` };
  const properties: [string, string | number][] = [
    ["og:title", preview.title],
    ["og:description", preview.description],
    ["og:type", preview.type],
    ["og:url", preview.url],
    ["og:site_name", preview.siteName],
    ["og:locale", "fr_FR"],
    ["og:image", image.url],
    ["og:image:type", image.contentType],
    ["og:image:width", image.width],
    ["og:image:height", image.height],
    ["og:image:alt", image.alt || preview.title],
  ];
  const names: [string, string][] = [
    ["description", preview.description],
    // A wide card only for the item's own photo; a logo reads better small.
    ["twitter:card", preview.ownPhoto ? "summary_large_image" : "summary"],
    ["twitter:title", preview.title],
    ["twitter:description", preview.description],
  ];
  if (!preview.indexable) names.push(["robots", "noindex"]);
  const title = preview.title === preview.siteName ? `${preview.title} · Maillage` : `${preview.title} · ${preview.siteName}`;
  return [
    `<title>${escapeAttr(title)}</title>`,
    ...names.map(([n, v]) => `<meta name="${n}" content="${escapeAttr(v)}">`),
    ...properties.map(([p, v]) => `<meta property="${p}" content="${escapeAttr(String(v))}">`),
    `<link rel="canonical" href="${escapeAttr(preview.url)}">`,
  ].join("\n    ");
}

/** The shell with the preview in place of its generic <title>. */
export function withPreview(shell: string, preview: PagePreview | null, origin: string): string {
  if (!preview) return shell;
  const tags = metaTags(preview, origin);
  const title = /<title>[^<]*<\/title>/i;
  // A replacer function: `$` in a title must stay a dollar sign.
  return title.test(shell) ? shell.replace(title, () => tags) : shell.replace(/<\/head>/i, () => `${tags}\n  </head>`);
}
