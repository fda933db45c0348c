// Maillage's notification kinds as Mastodon's types. Pure.

/** The Mastodon type, or null for a kind an app has no way to show. */
export function mastodonType(kind: string): string | null {
  if (kind === "offers.interest" || kind === "offers.message" || kind === "offers.thanks" || kind === "fediverse.reply" || kind.startsWith("messages.")) return "mention";
  if (kind.startsWith("event.") || kind.startsWith("offers.")) return "update";
  if (kind === "moderation.report" || kind === "moderation.review_requested") return "admin.report";
  if (kind.startsWith("follows.") || kind === "follow") return "follow";
  if (kind.startsWith("reactions.like")) return "favourite";
  if (kind.startsWith("reactions.boost")) return "reblog";
  return "status";
}

/** Notification ids sort by time, as Mastodon's do (apps page and dedupe with them). */
export const notificationId = (id: string, at: Date) => `${String(at.getTime()).padStart(13, "0")}${id.replace(/-/g, "")}`;

export function parseNotificationId(value: string): string | null {
  const m = /^\d{13}([0-9a-f]{32})$/.exec(value);
  if (!m) return null;
  const h = m[1];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
