// OAuth scopes as Mastodon defines them: four top-level ones (read, write,
// follow, push), their granular forms (read:statuses, …) and `profile`.
// Pure: parsing, checking a grant against a need, and words for the consent page.

const granular = {
  read: ["accounts", "blocks", "bookmarks", "favourites", "filters", "follows", "lists", "mutes", "notifications", "search", "statuses"],
  write: ["accounts", "blocks", "bookmarks", "conversations", "favourites", "filters", "follows", "lists", "media", "mutes", "notifications", "reports", "statuses"],
} as const;

/** `follow` is the old name for these (Mastodon keeps it for old apps). */
const followCovers = ["read:follows", "write:follows", "read:blocks", "write:blocks", "read:mutes", "write:mutes"];

export const knownScopes: ReadonlySet<string> = new Set([
  "read",
  "write",
  "follow",
  "push",
  "profile",
  ...granular.read.map((s) => `read:${s}`),
  ...granular.write.map((s) => `write:${s}`),
]);

/** Scopes as sent (space- or plus-separated); empty means `read`, as in Mastodon. */
export function parseScopes(raw: unknown): string[] {
  const text = typeof raw === "string" ? raw : Array.isArray(raw) ? raw.join(" ") : "";
  const scopes = [...new Set(text.split(/[\s+]+/).filter(Boolean))];
  return scopes.length ? scopes : ["read"];
}

/** The first scope we do not know, if any. */
export const unknownScope = (scopes: string[]) => scopes.find((s) => !knownScopes.has(s));

/** Whether what was granted allows `needed` (a granular scope like `read:statuses`, or a top-level one). */
export function covers(granted: readonly string[], needed: string): boolean {
  if (granted.includes(needed)) return true;
  const [top] = needed.split(":");
  if (needed.includes(":") && granted.includes(top)) return true;
  if (granted.includes("follow") && followCovers.includes(needed)) return true;
  // `profile` is the narrowest way to know who logged in (verify_credentials only).
  return false;
}

/** Whether every requested scope is within what the app registered. */
export const withinApp = (appScopes: readonly string[], requested: readonly string[]) => requested.every((s) => covers(appScopes, s) || appScopes.includes(s));

const words: Record<string, { fr: string; en: string }> = {
  read: { fr: "lire votre profil, vos fils, vos notifications et vos conversations", en: "read your profile, timelines, notifications and conversations" },
  write: { fr: "publier, répondre, aimer et partager en votre nom, et modifier votre profil", en: "post, reply, like and boost for you, and change your profile" },
  follow: { fr: "suivre et ne plus suivre des comptes et des réseaux, bloquer", en: "follow and unfollow accounts and networks, block" },
  push: { fr: "vous envoyer des notifications sur votre téléphone", en: "send notifications to your phone" },
  profile: { fr: "savoir qui vous êtes (votre nom et votre identifiant)", en: "know who you are (your name and handle)" },
};

const granularWords: Record<string, { fr: string; en: string }> = {
  accounts: { fr: "les comptes", en: "accounts" },
  blocks: { fr: "les blocages", en: "blocks" },
  bookmarks: { fr: "les signets", en: "bookmarks" },
  conversations: { fr: "les conversations", en: "conversations" },
  favourites: { fr: "les favoris", en: "favourites" },
  filters: { fr: "les filtres", en: "filters" },
  follows: { fr: "les abonnements", en: "follows" },
  lists: { fr: "les listes", en: "lists" },
  media: { fr: "les images envoyées", en: "uploaded media" },
  mutes: { fr: "les comptes masqués", en: "mutes" },
  notifications: { fr: "les notifications", en: "notifications" },
  reports: { fr: "les signalements", en: "reports" },
  search: { fr: "la recherche", en: "search" },
  statuses: { fr: "les publications", en: "posts" },
};

/** A scope in plain words, for the consent page. */
export function describeScope(scope: string, lang: "fr" | "en"): string {
  if (words[scope]) return words[scope][lang];
  const [top, what] = scope.split(":");
  const thing = granularWords[what]?.[lang] ?? what;
  if (lang === "en") return `${top === "read" ? "read" : "change"} ${thing}`;
  return `${top === "read" ? "lire" : "modifier"} ${thing}`;
}
