// Fuzzing the inbox (fast-check): random and malformed activities POSTed to the
// shared and personal inboxes of an in-process app (the Hono app with the real
// federation, as the server composes it). Properties: never a 5xx, no inbox
// listener failure, and nothing stored from an invalid activity (row counts of
// remote_post, follower, remote_actor, remote_reaction and following unchanged).
//
// The invalid activities are mostly built by corrupting activities that *would*
// store something (a Follow of our network, a reply to our announcement, a Like
// of it), so that "nothing stored" means something; a control test checks that
// the uncorrupted versions do store.
import { configure, reset, type LogRecord } from "@logtape/logtape";
import { signRequest } from "@fedify/fedify";
import { count } from "drizzle-orm";
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { followerTable, followingTable, remoteActorTable, remotePostTable, remoteReactionTable } from "../../db/schema/index.ts";
import { createApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { testDatabaseKind } from "../helpers/db.ts";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";
import { createTestInstance, ORIGIN, seedMember, seedNetwork, type TestInstance } from "./support/instance.ts";

const AS = "https://www.w3.org/ns/activitystreams";
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const NETWORK = `${ORIGIN}/n/les-tilleuls`;
const MEMBER = `${ORIGIN}/m/claire`;
const ANNOUNCEMENT = `${NETWORK}/annonces/7`;
const ALICE = "https://mastodon.example/users/alice";
const INBOXES = ["/inbox", "/n/les-tilleuls/inbox", "/m/claire/inbox", "/n/nobody-here/inbox", "/actor/inbox"];
// Keeps each property well under a few seconds (a signed POST and a queue drain is ~5-10 ms).
// FUZZ_SCALE shrinks or grows every property's runs (CI's second database: 0.4).
const RUNS = Math.max(3, Math.round(Number(process.env.FUZZ_RUNS ?? 60) * Number(process.env.FUZZ_SCALE ?? 1)));
// A fixed seed, so that CI runs are the same; FUZZ_SEED=<n> explores others.
// fast-check prints the seed and path of a failure, to replay it with FUZZ_SEED.
const SEED = Number.parseInt(process.env.FUZZ_SEED ?? "1707", 10);
fc.configureGlobal({ seed: SEED });

let instance: TestInstance;
let dataDir: string;
let app: ReturnType<typeof createApp>;
let alice: RemoteActorKeys;
let bob: RemoteActorKeys;
const errors: LogRecord[] = [];
// Fedify logs refused requests (bad JSON, bad signature, missing actor) at
// error level while answering them: expected. What counts as a crash is an
// error while the queue runs the inbox listeners (and the retry it schedules).
let draining = false;

beforeAll(async () => {
  // Errors logged while the queue runs the listeners (ours, or Fedify's federation) count as crashes.
  await configure({
    reset: true,
    sinks: { errors: (record) => void (draining && errors.push(record)) },
    loggers: [
      { category: ["maillage"], lowestLevel: "error", sinks: ["errors"] },
      // Not ["fedify", "vocab"]: failed fetches of unknown objects are logged there, and are normal.
      { category: ["fedify", "federation"], lowestLevel: "error", sinks: ["errors"] },
      { category: ["logtape", "meta"], lowestLevel: "fatal", sinks: [] },
    ],
  });
  instance = await createTestInstance();
  const network = await seedNetwork(instance.db, { slug: "les-tilleuls", name: "Les Tilleuls" });
  await seedMember(instance.db, "claire", network.id);
  dataDir = mkdtempSync(join(tmpdir(), "maillage-fuzz-"));
  const config = loadConfig({ PUBLIC_URL: ORIGIN, DATA_DIR: dataDir, WEB_DIST: join(tmpdir(), "maillage-no-web") });
  app = createApp({ db: instance.db, dbKind: testDatabaseKind, config, federation: instance.federation });
  alice = await instance.remote.addActor({ id: ALICE });
  bob = await instance.remote.addActor({ id: "https://pleroma.example/users/bob" });
  // Alice is already known (a first reply stored): later activities from her
  // may refresh her row but must not add one.
  const response = await post(await signedPost(`${ORIGIN}/inbox`, create(note("https://mastodon.example/users/alice/statuses/0")), alice));
  expect(response.status).toBe(202);
  expect((await counts()).remote_post).toBe(1);
});
afterAll(async () => {
  await instance?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await reset();
});
beforeEach(() => {
  errors.length = 0;
});

let serial = 0;
const fresh = (base: string) => `${base}/fuzz/${++serial}`;

const note = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "Note",
  attributedTo: alice.id,
  to: [PUBLIC],
  inReplyTo: ANNOUNCEMENT,
  published: "2025-03-01T10:00:00Z",
  content: "<p>Merci !</p>",
  ...extra,
});
const create = (object: Record<string, unknown>) => ({ "@context": AS, id: `${object.id}/activity`, type: "Create", actor: alice.id, object, to: [PUBLIC] });

async function counts() {
  const n = async (table: Parameters<ReturnType<TestInstance["db"]["select"]>["from"]>[0]) =>
    (await instance.db.select({ n: count() }).from(table))[0].n;
  return {
    remote_post: await n(remotePostTable),
    follower: await n(followerTable),
    remote_actor: await n(remoteActorTable),
    remote_reaction: await n(remoteReactionTable),
    following: await n(followingTable),
  };
}

/** Through the whole app (body limit, Fedify glue), then runs what the inbox queued. */
async function post(request: Request): Promise<Response> {
  const response = await app.request(request);
  await response.arrayBuffer();
  draining = true;
  try {
    await instance.drain();
  } finally {
    draining = false;
  }
  return response;
}

async function signedRaw(path: string, body: string, signer: RemoteActorKeys = alice, contentType = "application/activity+json"): Promise<Request> {
  const request = new Request(`${ORIGIN}${path}`, { method: "POST", headers: { "content-type": contentType, accept: "application/activity+json" }, body });
  return signRequest(request, signer.privateKey, new URL(signer.keyId), { spec: "draft-cavage-http-signatures-12" });
}

/** Posts `send()` and checks: no 5xx, no listener error, no row added or removed (unless `mayStore`), no retry queued. */
async function expectHarmless(label: string, path: string, send: () => Promise<Request>, allowed: number[], options: { mayStore?: boolean } = {}) {
  const before = await counts();
  const response = await post(await send());
  const after = await counts();
  const problems: string[] = [];
  if (response.status >= 500 || !allowed.includes(response.status)) problems.push(`status ${response.status}`);
  if (!options.mayStore && JSON.stringify(after) !== JSON.stringify(before)) problems.push(`rows changed ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  if (errors.length > 0) problems.push(`errors logged: ${errors.map((e) => `[${e.category.join(".")}] ${e.message.map(String).join("")}`).join(" | ").slice(0, 800)}`);
  if (instance.queue.delayed.length > 0) problems.push(`${instance.queue.delayed.length} message(s) queued for retry`);
  errors.length = 0;
  instance.queue.entries.length = 0;
  if (problems.length > 0) throw new Error(`${label} → ${path}: ${problems.join("; ")}`);
}

// ---------------------------------------------------------------- arbitraries

const inbox = fc.constantFrom(...INBOXES);
const oddValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 40 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constantFrom("", "not a url", "javascript:alert(1)", "https://", "https://mastodon.example:99999/x", "acct:alice@mastodon.example", "//evil.example/x"),
  // Characters PostgreSQL cannot store, and broken Unicode: stripped, never a failed listener.
  fc.constantFrom("a\u0000b", "\u0000", "x\u0007\u001f", "\ud800", "\u202Eevil"),
);
// Sizes, not strings: a counterexample then prints as a number.
const hugeSize = fc.integer({ min: 10_000, max: 400_000 });
const huge = (n: number) => "é<b>x</b>".repeat(Math.ceil(n / 9));
const wrongContext = fc.oneof(
  fc.constant(undefined),
  fc.constant("https://www.w3.org/ns/activitystreams-typo"),
  fc.constant("https://unknown.example/context.jsonld"),
  fc.constant([AS, "https://unknown.example/context.jsonld"]),
  fc.constant({ "@vocab": "https://unknown.example/vocab#" }),
  fc.constant({ "@context": { "@context": AS } }),
  fc.constant([AS, { type: "@id", id: "@type" }]),
  oddValue,
);
const knownTypes = ["Create", "Update", "Delete", "Follow", "Undo", "Accept", "Reject", "Like", "Announce", "Add", "Remove", "Block", "Flag", "Move", "Question", "Note", "Person", "Group", "Tombstone"];
const anyType = fc.oneof(fc.constantFrom(...knownTypes), fc.string({ maxLength: 20 }), fc.array(fc.constantFrom(...knownTypes), { maxLength: 3 }), oddValue);

/** Activities that would store something: a Follow of our network, a reply to our announcement, a Like of it. */
const storing = fc.constantFrom(
  () => ({ "@context": AS, id: fresh(alice.id + "#follows"), type: "Follow", actor: alice.id, object: NETWORK }),
  () => create(note(fresh("https://mastodon.example/users/alice/statuses"))),
  () => ({ "@context": AS, id: fresh(alice.id + "#likes"), type: "Like", actor: alice.id, object: ANNOUNCEMENT }),
  () => ({ "@context": AS, id: fresh(alice.id + "#announces"), type: "Announce", actor: alice.id, object: ANNOUNCEMENT, to: [PUBLIC] }),
);

type Activity = Record<string, unknown> & { object?: unknown };
type Corruption = { name: string; apply: (a: Activity) => Activity; signer?: () => RemoteActorKeys };

/** Each makes the activity invalid (or not what it claims): none may store anything. */
const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.constant<Corruption>({ name: "no actor", apply: ({ actor: _, ...a }) => a }),
  oddValue.map<Corruption>((v) => ({ name: `actor ${JSON.stringify(v)}`, apply: (a) => ({ ...a, actor: v }) })),
  fc.constant<Corruption>({ name: "actor is someone else than the signer", apply: (a) => a, signer: () => bob }),
  fc.constant<Corruption>({ name: "actor of another origin", apply: (a) => ({ ...a, actor: "https://evil.example/users/alice" }) }),
  fc.constant<Corruption>({ name: "no id", apply: ({ id: _, ...a }) => a }),
  oddValue.map<Corruption>((v) => ({ name: `id ${JSON.stringify(v)}`, apply: (a) => ({ ...a, id: v }) })),
  anyType
    // Another storing type would make a valid activity (in an array too: ["Like"] is "Like").
    .filter((t) => ![t].flat().some((x) => ["Follow", "Create", "Like", "Announce"].includes(x as string)))
    .map<Corruption>((t) => ({ name: `type ${JSON.stringify(t)}`, apply: (a) => ({ ...a, type: t }) })),
  wrongContext.map<Corruption>((c) => ({
    name: `@context ${JSON.stringify(c)}`,
    apply: ({ "@context": _, ...a }) => (c === undefined ? a : { "@context": c, ...a }),
  })),
  fc.constant<Corruption>({ name: "no object", apply: ({ object: _, ...a }) => a }),
  oddValue.map<Corruption>((v) => ({ name: `object ${JSON.stringify(v)}`, apply: (a) => ({ ...a, object: v }) })),
  // Embedded objects (the reply): wrong author, missing or foreign id, wrong types.
  fc.constantFrom("attributedTo", "id", "type", "inReplyTo").chain((field) =>
    fc.option(oddValue, { nil: undefined }).map<Corruption>((v) => ({
      name: `object.${field} ${v === undefined ? "missing" : JSON.stringify(v)}`,
      apply: (a) => {
        if (typeof a.object !== "object" || a.object === null) return { ...a, object: v };
        const { [field]: _, ...rest } = a.object as Record<string, unknown>;
        // A reply whose inReplyTo is missing or odd concerns nobody here: also stores nothing.
        return { ...a, object: v === undefined ? rest : { ...rest, [field]: v } };
      },
    })),
  ),
  fc.constant<Corruption>({
    name: "object attributed to someone else",
    apply: (a) => (typeof a.object === "object" ? { ...a, object: { ...(a.object as object), attributedTo: bob.id } } : { ...a, actor: bob.id }),
  }),
  fc.constant<Corruption>({
    name: "object id on another origin than its author",
    // (For a Follow, Like or Announce, whose object is ours, this is "actor of another origin".)
    apply: (a) =>
      typeof a.object === "object"
        ? { ...a, object: { ...(a.object as object), id: fresh("https://evil.example/notes") } }
        : { ...a, actor: "https://evil.example/users/alice" },
  }),
);

// ---------------------------------------------------------------- properties

describe(`inbox fuzz (FUZZ_SEED=${SEED})`, () => {
  it("control: the uncorrupted activities do store (so unchanged counts mean something)", async () => {
    for (const make of [
      () => ({ "@context": AS, id: fresh(alice.id + "#follows"), type: "Follow", actor: alice.id, object: NETWORK }),
      () => create(note(fresh("https://mastodon.example/users/alice/statuses"))),
      () => ({ "@context": AS, id: fresh(alice.id + "#likes"), type: "Like", actor: alice.id, object: ANNOUNCEMENT }),
    ]) {
      const before = await counts();
      const response = await post(await signedPost(`${ORIGIN}/inbox`, make(), alice));
      expect(response.status).toBe(202);
      const after = await counts();
      expect(after.follower + after.remote_post + after.remote_reaction).toBe(before.follower + before.remote_post + before.remote_reaction + 1);
    }
    expect(errors).toEqual([]);
    // Forget the follow and the like: a repeated valid Follow or Like only
    // updates its row, and the corruptions below must be able to show up.
    await instance.db.delete(followerTable);
    await instance.db.delete(remoteReactionTable);
  });

  it("corrupted activities that would otherwise store: never 5xx, nothing stored", async () => {
    await fc.assert(
      fc.asyncProperty(storing, corruption, inbox, async (make, corrupt, path) => {
        const original = make();
        const activity = corrupt.apply(original);
        const signer = corrupt.signer?.() ?? alice;
        await expectHarmless(`${original.type} with ${corrupt.name}`, path, () => signedRaw(path, JSON.stringify(activity), signer), [202, 400, 401, 403, 404, 410, 413]);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it("random JSON bodies, signed: never 5xx, nothing stored", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), inbox, async (value, path) => {
        await expectHarmless("random JSON", path, () => signedRaw(path, JSON.stringify(value)), [202, 400, 401, 404]);
      }),
      { numRuns: RUNS },
    );
  });

  it("activity-shaped objects with random values, signed: never 5xx, nothing stored", async () => {
    const shape = fc.record(
      {
        "@context": fc.oneof(fc.constant(AS), wrongContext),
        id: fc.oneof(fc.constant(undefined).map(() => fresh(alice.id + "#random")), oddValue),
        type: anyType,
        actor: fc.oneof(fc.constant(alice.id), fc.constant({ id: alice.id, type: "Person" }), oddValue),
        object: fc.oneof(
          fc.webUrl(),
          oddValue,
          fc.record({ id: fc.oneof(fc.webUrl(), oddValue), type: anyType, content: fc.oneof(fc.string(), oddValue) }, { requiredKeys: [] }),
        ),
        target: oddValue,
        to: fc.oneof(fc.constant([PUBLIC]), oddValue),
        published: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 30 }), oddValue),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(shape, inbox, async (activity, path) => {
        await expectHarmless("random shape", path, () => signedRaw(path, JSON.stringify(activity)), [202, 400, 401, 404]);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("valid shapes with random values that concern nobody here: 202, nothing stored", async () => {
    const foreign = fc.webUrl({ validSchemes: ["https"] }).filter((u) => !u.startsWith(ORIGIN) && !u.includes("mastodon.example"));
    const activity = fc.oneof(
      fc.record({ object: foreign, content: fc.string({ maxLength: 500 }), published: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }) }).map(({ object, content, published }) =>
        create(note(fresh("https://mastodon.example/users/alice/statuses"), { inReplyTo: object, content, published: published.toISOString() })),
      ),
      foreign.map((object) => ({ "@context": AS, id: fresh(alice.id + "#likes"), type: "Like", actor: alice.id, object })),
      foreign.map((object) => ({ "@context": AS, id: fresh(alice.id + "#announces"), type: "Announce", actor: alice.id, object, to: [PUBLIC] })),
      foreign.map((object) => ({ "@context": AS, id: fresh(alice.id + "#deletes"), type: "Delete", actor: alice.id, object })),
      foreign.map((object) => ({ "@context": AS, id: fresh(alice.id + "#undo"), type: "Undo", actor: alice.id, object: { type: "Follow", id: object, actor: alice.id, object: NETWORK } })),
      foreign.map((object) => ({ "@context": AS, id: fresh(alice.id + "#accepts"), type: "Accept", actor: alice.id, object })),
      fc.stringMatching(/^[a-z0-9]{3,20}$/).map((slug) => ({ "@context": AS, id: fresh(alice.id + "#follows"), type: "Follow", actor: alice.id, object: `${ORIGIN}/n/x${slug}` })),
      fc.string({ maxLength: 30 }).map((type) => ({ "@context": [AS, { Custom: "https://custom.example/ns#Custom" }], id: fresh(alice.id + "#custom"), type: "Custom", actor: alice.id, summary: type })),
    );
    await fc.assert(
      fc.asyncProperty(activity, inbox, async (a, path) => {
        await expectHarmless(`valid ${String(a.type)}`, path, () => signedRaw(path, JSON.stringify(a)), [202, 404]);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("malformed bodies (not JSON, truncated JSON, other content types), signed or not: 4xx, nothing stored", async () => {
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constant(""),
      fc.constant("{"),
      fc.constant('{"@context": "https://www.w3.org/ns/activitystreams", "type": "Follow"'),
      fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
    );
    const contentType = fc.constantFrom("application/activity+json", 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"', "application/json", "text/plain", "multipart/form-data; boundary=x");
    await fc.assert(
      fc.asyncProperty(body, contentType, inbox, fc.boolean(), async (text, type, path, signed) => {
        const send = signed
          ? () => signedRaw(path, text, alice, type)
          : async () => new Request(`${ORIGIN}${path}`, { method: "POST", headers: { "content-type": type }, body: text });
        await expectHarmless(`malformed body ${JSON.stringify(text.slice(0, 40))}`, path, send, [400, 401, 404, 406, 415]);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("unsigned, badly signed or replayed-on-other-body requests: 401 (or 4xx), nothing stored", async () => {
    await fc.assert(
      fc.asyncProperty(storing, fc.constantFrom("unsigned", "body swapped", "signature garbled", "key of another actor"), inbox, async (make, how, path) => {
        const activity = make();
        const send = async () => {
          if (how === "unsigned") {
            return new Request(`${ORIGIN}${path}`, { method: "POST", headers: { "content-type": "application/activity+json" }, body: JSON.stringify(activity) });
          }
          if (how === "key of another actor") return signedRaw(path, JSON.stringify(activity), bob);
          const signed = await signedRaw(path, JSON.stringify(activity));
          const headers = new Headers(signed.headers);
          if (how === "signature garbled") headers.set("signature", (headers.get("signature") ?? "").replace(/signature="[^"]{8}/, 'signature="AAAAAAAA'));
          const body = how === "body swapped" ? JSON.stringify({ ...activity, object: MEMBER }) : JSON.stringify(activity);
          return new Request(signed.url, { method: "POST", headers, body });
        };
        await expectHarmless(`${how} ${String(activity.type)}`, path, send, [400, 401, 403, 404]);
      }),
      { numRuns: RUNS },
    );
  });

  it("huge strings in any field: never 5xx, nothing stored; bodies over 1 MiB: 413", async () => {
    await fc.assert(
      fc.asyncProperty(storing, fc.constantFrom("id", "type", "actor", "@context", "content", "object"), hugeSize, inbox, async (make, field, size, path) => {
        const text = huge(size);
        const activity = make() as Activity;
        const tampered =
          field === "content" && typeof activity.object === "object"
            ? { ...activity, object: { ...(activity.object as object), attributedTo: bob.id, content: text } }
            : { ...activity, [field]: field === "id" || field === "actor" ? `https://mastodon.example/${text}` : text };
        // A long but well-formed id, or an extra `content` on a Follow or Like, leaves a valid activity.
        const mayStore = field === "id" || (field === "content" && activity.type !== "Create");
        await expectHarmless(`huge ${field} (${text.length} chars)`, path, () => signedRaw(path, JSON.stringify(tampered)), [202, 400, 401, 404, 413], { mayStore });
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    await fc.assert(
      fc.asyncProperty(storing, fc.integer({ min: 1024 * 1024 + 1, max: 3 * 1024 * 1024 }), inbox, async (make, size, path) => {
        const activity = make() as Activity;
        const padded = JSON.stringify({ ...activity, padding: "x".repeat(size) });
        const response = await post(await signedRaw(path, padded));
        expect(response.status).toBe(413);
      }),
      { numRuns: 5 },
    );
    expect(errors).toEqual([]);
  });

  // Found by the properties above; kept as examples so that they always run.
  it.each([
    ["a JSON string as body", '"&"'],
    ["a JSON number as body", "42"],
    ["a boolean where a date is expected", JSON.stringify({ "@context": AS, id: `${ALICE}#x/1`, type: "Create", actor: ALICE, published: false })],
    ["a number where a date is expected, in the object", JSON.stringify({ "@context": AS, id: `${ALICE}#x/2`, type: "Create", actor: ALICE, object: { id: `${ALICE}/statuses/x2`, type: "Note", attributedTo: ALICE, inReplyTo: ANNOUNCEMENT, published: 12 } })],
    ["an unknown remote @context", JSON.stringify({ "@context": [AS, "https://unknown.example/context.jsonld"], id: `${ALICE}#x/3`, type: "Follow", actor: ALICE, object: NETWORK })],
    ["an @context that is not a URL", JSON.stringify({ "@context": "xxxxxxxx", id: `${ALICE}#x/4`, type: "Follow", actor: ALICE, object: NETWORK })],
  ])("known malformed input: %s → 4xx, not 500", async (_name, body) => {
    await expectHarmless(_name, "/inbox", () => signedRaw("/inbox", body), [202, 400, 401, 422]);
  });

  // An activity id must be an http(s) URL: these are not, and must store nothing.
  it.each([
    ["Like", "javascript:alert(1)", ANNOUNCEMENT],
    ["Announce", "acct:alice@mastodon.example", ANNOUNCEMENT],
    ["Follow", "javascript:alert(2)", NETWORK],
  ])("known invalid activity: %s with id %s stores nothing", async (type, id, object) => {
    // Start from no reaction and no follower, so that a stored one shows.
    await instance.db.delete(remoteReactionTable);
    await instance.db.delete(followerTable);
    const body = JSON.stringify({ "@context": AS, id, type, actor: ALICE, object });
    await expectHarmless(`${type} with id ${id}`, "/inbox", () => signedRaw("/inbox", body), [202, 400, 401]);
  });

  it("still works after all that: a valid reply is stored", async () => {
    const before = await counts();
    const response = await post(await signedPost(`${ORIGIN}/inbox`, create(note(fresh("https://mastodon.example/users/alice/statuses"))), alice));
    expect(response.status).toBe(202);
    expect((await counts()).remote_post).toBe(before.remote_post + 1);
  });
});
