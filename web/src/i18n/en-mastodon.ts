// The Mastodon apps a member authorised (issue #15).
import type { frMastodon } from "./fr-mastodon.ts";

export const enMastodon: Record<keyof typeof frMastodon, string> = {
  "mastodonApps.title": "Authorised apps",
  "mastodonApps.intro": "The Mastodon apps (Tusky, Ivory, Elk…) you logged into your account with. Take access back from those you no longer use.",
  "mastodonApps.none": "No app has access to your account.",
  "mastodonApps.since": "authorised on {date}",
  "mastodonApps.rights": "rights: {scopes}",
  "mastodonApps.revoke": "Revoke access",
  "mastodonApps.revokeName": "Revoke access for {name}",
};
