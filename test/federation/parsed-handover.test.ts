// An inbound activity is parsed once: Fedify's further parses of the same JSON
// in its POST get the first one, and so does the queue handler's when it runs
// the activity at once (federation/inbox/parsed-handover.ts).
import type { InboxContext } from "@fedify/fedify";
import { Activity, Create, Note } from "@fedify/vocab";
import { expect, it } from "vitest";
import { installParseReuse, keepParsedActivity, withParsedActivity } from "../../federation/inbox/parsed-handover.ts";
import { asOneRequest } from "../../federation/request-memo.ts";

installParseReuse();

const body = (extra: Record<string, unknown> = {}) => ({
  "@context": "https://www.w3.org/ns/activitystreams",
  id: "https://elsewhere.example/notes/1/activity",
  type: "Create",
  actor: "https://elsewhere.example/users/ana",
  object: { id: "https://elsewhere.example/notes/1", type: "Note", attributedTo: "https://elsewhere.example/users/ana", content: "Bonjour" },
  ...extra,
});
const inboxContextFor = (json: object) => ({ activity: json }) as unknown as InboxContext<unknown>;

it("hands the POST's parse to the inline run's parse of the same JSON, once", async () => {
  const json = body();
  const atPost = await Activity.fromJsonLd(json);
  expect(keepParsedActivity(inboxContextFor(json), atPost)).toBeNull();
  const [first, second] = await withParsedActivity({ activity: json }, async () => [await Activity.fromJsonLd(json), await Activity.fromJsonLd(json)]);
  expect(first).toBe(atPost);
  expect(second).not.toBe(atPost);
  expect(second).toBeInstanceOf(Create);
  expect(((await (second as Create).getObject()) as Note).content).toBe("Bonjour");
  // Only once, and only inside the run.
  expect(await withParsedActivity({ activity: json }, () => Activity.fromJsonLd(json))).not.toBe(atPost);
});

it("parses again outside the inline run, for a message queued for a worker, and for signed or normalised JSON", async () => {
  const json = body();
  const atPost = await Activity.fromJsonLd(json);
  keepParsedActivity(inboxContextFor(json), atPost);
  expect(await Activity.fromJsonLd(json)).not.toBe(atPost);

  const signed = body({ signature: { type: "RsaSignature2017", creator: "https://elsewhere.example/users/ana#main-key", created: "2026-01-01T00:00:00Z", signatureValue: "x" } });
  const signedAtPost = await Activity.fromJsonLd(signed);
  keepParsedActivity(inboxContextFor(signed), signedAtPost);
  expect(await withParsedActivity({ activity: signed }, () => Activity.fromJsonLd(signed))).not.toBe(signedAtPost);

  const normalised = body();
  const normalisedAtPost = await Activity.fromJsonLd(normalised);
  keepParsedActivity(inboxContextFor(normalised), normalisedAtPost);
  expect(await withParsedActivity({ activity: normalised, ldSignatureVerified: false }, () => Activity.fromJsonLd(normalised))).not.toBe(normalisedAtPost);
});

it("gives a POST's parse again for the same JSON and loader, not for another base URL, loader or request", async () => {
  const json = body();
  const loader = async (url: string) => ({ contextUrl: null, documentUrl: url, document: {} });
  const [first, again, otherBase, otherLoader] = await asOneRequest(async () => [
    await Activity.fromJsonLd(json, { documentLoader: loader }),
    await Activity.fromJsonLd(json, { documentLoader: loader }),
    await Activity.fromJsonLd(json, { documentLoader: loader, baseUrl: new URL("https://relative-iri.invalid/") }),
    await Activity.fromJsonLd(json, { documentLoader: async (url: string) => loader(url) }),
  ]);
  expect(again).toBe(first);
  expect(otherBase).not.toBe(first);
  expect(otherLoader).not.toBe(first);
  expect(await asOneRequest(() => Activity.fromJsonLd(json, { documentLoader: loader }))).not.toBe(first);
  expect(await Activity.fromJsonLd(json, { documentLoader: loader })).not.toBe(first);
});
