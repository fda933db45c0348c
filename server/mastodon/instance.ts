// What apps read when they open: the instance (v1 and v2), and the lists that
// are empty here (custom emojis, announcements, filters) or simple (preferences,
// markers), so that no app shows an error.
import { count } from "drizzle-orm";
import { memberTable, networkTable } from "../../db/schema/index.ts";
import { version } from "../version.ts";
import { maxUploadBytes } from "../http/upload-limits.ts";
import { mastodonRouter, scope, userOf, type MastodonContext } from "./http.ts";
import { vapidKeys } from "./push/vapid.ts";

/** Apps read features from the version: we speak Mastodon 4.3's API. */
export const compatibleVersion = `4.3.0 (compatible; Maillage ${version})`;
const maxCharacters = 5000;

const description =
  "Maillage : réseaux d'entraide entre voisins. Gratuité, réciprocité, neutralité, tranquillité. L'inscription se fait en personne, sur invitation.";

function configuration(c: MastodonContext) {
  return {
    urls: { streaming: new URL("/", c.var.deps.config.publicUrl).href.replace(/^http/, "ws").replace(/\/$/, "") },
    accounts: { max_featured_tags: 0, max_pinned_statuses: 0 },
    statuses: { max_characters: maxCharacters, max_media_attachments: 4, characters_reserved_per_url: 23 },
    media_attachments: {
      supported_mime_types: ["image/jpeg", "image/png", "image/webp", "image/gif"],
      image_size_limit: maxUploadBytes,
      image_matrix_limit: 16_777_216,
      video_size_limit: 0,
      video_frame_rate_limit: 0,
      video_matrix_limit: 0,
    },
    polls: { max_options: 0, max_characters_per_option: 0, min_expiration: 0, max_expiration: 0 },
    translation: { enabled: false },
  };
}

async function stats(c: MastodonContext) {
  const db = c.var.deps.db;
  const [[members], [networks]] = await Promise.all([db.select({ n: count() }).from(memberTable), db.select({ n: count() }).from(networkTable)]);
  return { members: members.n, networks: networks.n };
}

export function instanceRoutes() {
  const app = mastodonRouter();
  app.get("/api/v2/instance", async (c) => {
    const { publicUrl } = c.var.deps.config;
    const { members } = await stats(c);
    return c.json({
      domain: publicUrl.host,
      title: `Maillage ${publicUrl.host}`,
      version: compatibleVersion,
      source_url: new URL("/", publicUrl).href,
      description,
      usage: { users: { active_month: members } },
      thumbnail: { url: new URL("/mastodon/avatar.png", publicUrl).href },
      icon: [],
      languages: ["fr", "en"],
      configuration: { ...configuration(c), vapid: { public_key: (await vapidKeys(c.var.deps.db)).publicKey } },
      registrations: { enabled: false, approval_required: true, message: "L'inscription se fait en personne, avec une invitation remise lors d'un café-rencontre." },
      api_versions: { mastodon: 2 },
      contact: { email: "", account: null },
      rules: [],
    });
  });
  app.get("/api/v1/instance", async (c) => {
    const { publicUrl } = c.var.deps.config;
    const { members, networks } = await stats(c);
    return c.json({
      uri: publicUrl.host,
      title: `Maillage ${publicUrl.host}`,
      short_description: description,
      description,
      email: "",
      version: compatibleVersion,
      urls: { streaming_api: configuration(c).urls.streaming },
      stats: { user_count: members + networks, status_count: 0, domain_count: 0 },
      thumbnail: new URL("/mastodon/avatar.png", publicUrl).href,
      languages: ["fr", "en"],
      registrations: false,
      approval_required: true,
      invites_enabled: true,
      configuration: configuration(c),
      contact_account: null,
      rules: [],
    });
  });
  app.get("/api/v1/instance/peers", (c) => c.json([]));
  app.get("/api/v1/instance/activity", (c) => c.json([]));
  app.get("/api/v1/instance/rules", (c) => c.json([]));
  app.get("/api/v1/custom_emojis", (c) => c.json([]));
  app.get("/api/v1/announcements", (c) => c.json([]));
  app.get("/api/v1/filters", scope("read:filters"), (c) => c.json([]));
  app.get("/api/v2/filters", scope("read:filters"), (c) => c.json([]));
  app.get("/api/v1/preferences", scope("read:accounts"), (c) => {
    const member = userOf(c);
    return c.json({
      "posting:default:visibility": "private",
      "posting:default:sensitive": false,
      "posting:default:language": member.locale,
      "reading:expand:media": "default",
      "reading:expand:spoilers": false,
    });
  });
  // Where the member stopped reading: not kept yet, so apps start from the top.
  app.get("/api/v1/markers", scope("read:statuses"), (c) => c.json({}));
  app.post("/api/v1/markers", scope("write:statuses"), (c) => c.json({}));
  return app;
}
