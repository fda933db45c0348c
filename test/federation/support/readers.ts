// How each family of fediverse software turns an object it receives into the
// post its users see, modelled on the rules found in its source (cited per
// reader). Each takes the object as JSON (compacted with the ActivityStreams
// context, as delivered or served) and returns what the timeline shows, or
// null when the software drops the object.
//
// These are models of documented parsing rules, not the programs themselves:
// they say which property ends up where (text, content warning, title,
// pictures, hashtags), which is what decides whether our posts read well.

type Json = Record<string, any>;

export interface SeenPost {
  /** The post's body as the software renders it (HTML or plain text). */
  text: string;
  /** The content warning / spoiler that hides the body; "" when none. */
  contentWarning: string;
  /** Picture descriptions (alt text) of attached images. */
  pictures: { url: string; description: string | null }[];
  hashtags: string[];
  sensitive: boolean;
}

const types = (o: Json): string[] => (Array.isArray(o.type) ? o.type : [o.type]);
const includesAny = (o: Json, list: string[]) => types(o).some((t) => list.includes(t));
const asArray = <T>(v: T | T[] | undefined | null): T[] => (v == null ? [] : Array.isArray(v) ? v : [v]);
const present = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
const firstOfMap = (m: unknown): string | undefined =>
  m && typeof m === "object" && !Array.isArray(m) ? (Object.values(m as Record<string, string>)[0] ?? undefined) : undefined;
const hashtagsOf = (o: Json) => asArray<Json>(o.tag).filter((t) => t?.type === "Hashtag" && present(t.name)).map((t) => String(t.name).replace(/^#/, ""));
const imagesOf = (o: Json) =>
  asArray<Json>(o.attachment)
    .filter((a) => a && present(a.url ?? a.href) && String(a.mediaType ?? "image/").startsWith("image/"))
    .map((a) => ({ url: String(a.url ?? a.href), description: present(a.name) ? a.name : null }));
const strip = (html: string) => html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();

/**
 * Mastodon 4.x — app/lib/activitypub/activity.rb: SUPPORTED_TYPES = Note,
 * Question; CONVERTED_TYPES = Image, Audio, Video, Article, Page, Event.
 * app/lib/activitypub/activity/create.rb (process_status_params): text is
 * `content` for supported types, else `converted_text` = title, spoiler_text
 * and the url joined and linkified; spoiler_text is "" for converted types.
 * app/lib/activitypub/parser/status_parser.rb: text = content || contentMap,
 * spoiler_text = summary || summaryMap, title = name || nameMap,
 * sensitive = `sensitive`. Attachments: description = `name`.
 */
export function mastodon(o: Json): SeenPost | null {
  const supported = includesAny(o, ["Note", "Question"]);
  const converted = includesAny(o, ["Image", "Audio", "Video", "Article", "Page", "Event"]);
  if (!supported && !converted) return null;
  const spoiler = present(o.summary) ? o.summary : (firstOfMap(o.summaryMap) ?? "");
  const title = present(o.name) ? o.name : firstOfMap(o.nameMap);
  const text = converted
    ? [present(title) ? `<h2>${title}</h2>` : null, present(spoiler) ? spoiler : null, o.url ?? o.id].filter(Boolean).join("\n\n")
    : present(o.content)
      ? o.content
      : (firstOfMap(o.contentMap) ?? "");
  return { text, contentWarning: converted ? "" : spoiler, pictures: imagesOf(o), hashtags: hashtagsOf(o), sensitive: o.sensitive === true };
}

/**
 * GoToSocial 0.17+ — internal/ap (IsStatusable): Article, Document, Image,
 * Video, Note, Page, Event, Place, Profile and Question are statuses.
 * internal/typeutils/astointernal.go (ASStatusToStatus): Content from
 * `content`/`contentMap`; ContentWarning = summary, else `name` ("prefer
 * Summary, fall back to Name"). internal/ap/extract.go (ExtractSummary) reads
 * only a plain xsd:string `summary` (or an IRI), not the language map.
 */
export function gotosocial(o: Json): SeenPost | null {
  if (!includesAny(o, ["Article", "Document", "Image", "Video", "Note", "Page", "Event", "Place", "Profile", "Question"])) return null;
  const summary = typeof o.summary === "string" ? o.summary : "";
  const name = typeof o.name === "string" ? o.name : "";
  return {
    text: present(o.content) ? o.content : (firstOfMap(o.contentMap) ?? ""),
    contentWarning: summary || name,
    pictures: imagesOf(o),
    hashtags: hashtagsOf(o),
    sensitive: o.sensitive === true,
  };
}

/**
 * Misskey 2024.x — packages/backend/src/core/activitypub/type.ts: validPost =
 * Note, Question, Article, Audio, Document, Image, Page, Video, Event.
 * core/activitypub/models/ApNoteService.ts (createNote): cw = `summary`
 * ("" → none); text from `source` when text/x.misskeymarkdown, else
 * `_misskey_content`, else `content` through htmlToMfm. `name` is read only
 * as a poll vote.
 */
export function misskey(o: Json): SeenPost | null {
  if (!includesAny(o, ["Note", "Question", "Article", "Audio", "Document", "Image", "Page", "Video", "Event"])) return null;
  const text =
    o.source?.mediaType === "text/x.misskeymarkdown" && typeof o.source.content === "string"
      ? o.source.content
      : typeof o._misskey_content === "string"
        ? o._misskey_content
        : typeof o.content === "string"
          ? strip(o.content)
          : "";
  return { text, contentWarning: typeof o.summary === "string" ? o.summary : "", pictures: imagesOf(o), hashtags: hashtagsOf(o), sensitive: o.sensitive === true };
}

/**
 * Pleroma 2.x / Akkoma 3.x — lib/pleroma/web/activity_pub/object_validator.ex
 * takes Note, Article, Page, Question, Answer, Audio, Video, Image, Event.
 * lib/pleroma/web/mastodon_api/views/status_view.ex (render_content): a
 * non-empty `name` on anything but an Event is shown as a link to the object
 * before `content`; `summary` is the spoiler_text. (Whether a `summaryMap`
 * alone is read depends on the version's multilingual support: the plain
 * property is what the validators' `summary` field holds.)
 */
export function akkoma(o: Json): SeenPost | null {
  if (!includesAny(o, ["Note", "Article", "Page", "Question", "Answer", "Audio", "Video", "Image", "Event"])) return null;
  const content = typeof o.content === "string" ? o.content : "";
  const text = present(o.name) && !includesAny(o, ["Event"]) ? `<p><a href="${o.url ?? o.id}">${o.name}</a></p>${content}` : content;
  return { text, contentWarning: typeof o.summary === "string" ? o.summary : "", pictures: imagesOf(o), hashtags: hashtagsOf(o), sensitive: o.sensitive === true };
}

/**
 * Fedify-based servers — fedify-dev/botkit src/bot-impl.ts (onCreated): only
 * Article, ChatMessage, Note and Question are taken, attributed to the
 * Create's actor; Hollo likewise (`isPost`). Fedify's vocabulary reads
 * `summary` and `summaryMap` alike (`Object.summary`), which these servers
 * show as the spoiler, and `content` as the text.
 */
export function fedifyBased(o: Json): SeenPost | null {
  if (!includesAny(o, ["Article", "ChatMessage", "Note", "Question"])) return null;
  const summary = present(o.summary) ? o.summary : (firstOfMap(o.summaryMap) ?? "");
  return {
    text: present(o.content) ? o.content : (firstOfMap(o.contentMap) ?? ""),
    contentWarning: summary,
    pictures: imagesOf(o),
    hashtags: hashtagsOf(o),
    sensitive: o.sensitive === true,
  };
}

export interface MobilizonEvent {
  title: string;
  description: string;
  beginsOn: string;
  endsOn: string;
  place: string | null;
  banner: string | null;
  tags: string[];
  joinMode: string | null;
  status: string | null;
}

/**
 * Mobilizon 4.x — lib/federation/activity_stream/converter/event.ex
 * (as_to_model_data): title = `name`, description = `content`, begins_on /
 * ends_on = `startTime` / `endTime`, the physical address from `location`
 * (a Place with a schema.org PostalAddress), the banner from the first Image
 * attachment, tags from `tag` Hashtags, join_options from `joinMode`, status
 * from `ical:status`. Other object types do not become events.
 */
export function mobilizonEvent(o: Json): MobilizonEvent | null {
  if (!includesAny(o, ["Event"])) return null;
  const address = o.location?.address ?? {};
  const place = o.location ? [o.location.name, address.streetAddress, address.postalCode, address.addressLocality].filter(present).join(", ") : null;
  return {
    title: o.name ?? "",
    description: o.content ?? "",
    beginsOn: o.startTime,
    endsOn: o.endTime,
    place,
    banner: imagesOf(o)[0]?.url ?? null,
    tags: hashtagsOf(o),
    joinMode: o.joinMode ?? null,
    status: o["ical:status"] ?? null,
  };
}

export const families = { mastodon, gotosocial, misskey, akkoma, fedifyBased } as const;
