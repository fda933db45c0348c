// The Mastodon apps a member authorised (issue #15).
export const frMastodon = {
  "mastodonApps.title": "Applications autorisées",
  "mastodonApps.intro": "Les applications Mastodon (Tusky, Ivory, Elk…) avec lesquelles vous vous êtes connecté·e à votre compte. Retirez l'accès à celles que vous n'utilisez plus.",
  "mastodonApps.none": "Aucune application n'a accès à votre compte.",
  "mastodonApps.since": "autorisée le {date}",
  "mastodonApps.rights": "droits : {scopes}",
  "mastodonApps.revoke": "Retirer l'accès",
  "mastodonApps.revokeName": "Retirer l'accès de {name}",
};
