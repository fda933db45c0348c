// The Account entity (docs.joinmastodon.org/entities/Account): a member, a
// network (an account with "group": true) or someone elsewhere. Pure.
import { escapeHtml } from "./html.ts";

export interface AccountInput {
  /** Opaque and stable: a member's or network's id here, `r…` for a remote account (accountIds.ts). */
  id: string;
  /** `marie` here, `marie@mastodon.example` elsewhere. */
  acct: string;
  displayName: string;
  /** Plain text; becomes paragraphs of HTML. */
  note: string;
  /** Where a person reads the profile. */
  url: string;
  /** The ActivityPub id. */
  uri: string;
  avatar: string | null;
  group: boolean;
  /** Networks that approve their followers. */
  locked: boolean;
  createdAt: Date;
  followers: number;
  following: number;
  statuses: number;
  lastStatusAt: Date | null;
}

/** A plain text as Mastodon's HTML: paragraphs, line breaks, nothing else. */
export const textToHtml = (raw: string) => {
  const text = raw.replace(/\r\n?/g, "\n").trim();
  return text === ""
    ? ""
    : text
        .split(/\n{2,}/)
        .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
        .join("");
};

/** Mastodon's dates: midnight UTC for created_at, a day for last_status_at. */
const midnight = (d: Date) => `${d.toISOString().slice(0, 10)}T00:00:00.000Z`;

export function accountEntity(input: AccountInput, defaultAvatar: string) {
  const username = input.acct.split("@")[0];
  const avatar = input.avatar ?? defaultAvatar;
  return {
    id: input.id,
    username,
    acct: input.acct,
    display_name: input.displayName,
    locked: input.locked,
    bot: false,
    discoverable: true,
    indexable: false,
    group: input.group,
    created_at: midnight(input.createdAt),
    note: textToHtml(input.note),
    url: input.url,
    uri: input.uri,
    avatar,
    avatar_static: avatar,
    header: "",
    header_static: "",
    followers_count: input.followers,
    following_count: input.following,
    statuses_count: input.statuses,
    last_status_at: input.lastStatusAt ? input.lastStatusAt.toISOString().slice(0, 10) : null,
    hide_collections: false,
    noindex: true,
    emojis: [],
    roles: [],
    fields: [],
  };
}
export type AccountEntity = ReturnType<typeof accountEntity>;

/** verify_credentials and update_credentials add what only the member sees: their own settings. */
export function credentialAccountEntity(input: AccountInput, defaultAvatar: string, source: { note: string; language: string }) {
  return {
    ...accountEntity(input, defaultAvatar),
    source: { privacy: "private", sensitive: false, language: source.language, note: source.note, fields: [], follow_requests_count: 0, hide_collections: false, discoverable: true, indexable: false },
    role: { id: "-99", name: "", permissions: "0", color: "", highlighted: false },
  };
}
