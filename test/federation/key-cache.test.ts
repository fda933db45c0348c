// Remote keys kept parsed in memory (federation/key-cache.ts): every request
// is still verified, a rotated key is fetched again and the old one refused,
// a deleted actor's key is forgotten.
import { afterAll, beforeAll, expect, it } from "vitest";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";
import { createTestInstance, ORIGIN, seedNetwork, type TestInstance } from "./support/instance.ts";

const AS = "https://www.w3.org/ns/activitystreams";
const ALICE = "https://mastodon.example/users/alice";

let app: TestInstance;

beforeAll(async () => {
  app = await createTestInstance();
  await seedNetwork(app.db, { slug: "les-tilleuls", name: "Les Tilleuls" });
});
afterAll(() => app.close());

let n = 0;
const like = (actor: string) => ({ "@context": AS, id: `${actor}#likes/${++n}`, type: "Like", actor, object: `${ORIGIN}/n/les-tilleuls` });
const post = async (signer: Pick<RemoteActorKeys, "keyId" | "privateKey">, activity: unknown) => app.post(await signedPost(`${ORIGIN}/inbox`, activity, signer));

it("verifies every request with the kept key, and takes a rotated key after fetching it again", async () => {
  const alice = await app.remote.addActor({ id: ALICE });
  expect((await post(alice, like(ALICE))).status).toBe(202);
  expect((await post(alice, like(ALICE))).status).toBe(202);
  // A wrong signature is refused although the key is kept.
  const forger = { keyId: alice.keyId, privateKey: (await app.remote.addActor({ id: "https://elsewhere.example/users/eve" })).privateKey };
  expect((await post(forger, like(ALICE))).status).toBe(401);

  // Alice's server rotates her key (same key id): her new signatures pass, the old key's no more.
  const rotated = await app.remote.addActor({ id: ALICE });
  expect((await post(rotated, like(ALICE))).status).toBe(202);
  expect((await post(alice, like(ALICE))).status).toBe(401);
  expect((await post(rotated, like(ALICE))).status).toBe(202);
});

it("forgets a deleted actor's key: what is signed with it afterwards is refused", async () => {
  const bob = await app.remote.addActor({ id: "https://pleroma.example/users/bob" });
  expect((await post(bob, like(bob.id))).status).toBe(202);
  app.remote.gone.add(bob.id);
  const deleted = { "@context": AS, id: `${bob.id}#delete`, type: "Delete", actor: bob.id, object: bob.id };
  expect((await post(bob, deleted)).status).toBe(202);
  await app.drain();
  // Without the key, Fedify fetches it again: gone, so the signature cannot be verified.
  expect((await post(bob, like(bob.id))).status).toBe(401);
});

it("forgets only that actor's keys: another whose id starts the same keeps its own", async () => {
  const ann = await app.remote.addActor({ id: "https://akkoma.example/users/ann" });
  const anna = await app.remote.addActor({ id: "https://akkoma.example/users/anna" });
  expect((await post(ann, like(ann.id))).status).toBe(202);
  expect((await post(anna, like(anna.id))).status).toBe(202);
  // From here on anna's document does not answer: only her kept key lets her requests through.
  app.remote.unanswered.add(anna.id);
  app.remote.gone.add(ann.id);
  expect((await post(ann, { "@context": AS, id: `${ann.id}#delete`, type: "Delete", actor: ann.id, object: ann.id })).status).toBe(202);
  await app.drain();
  expect((await post(anna, like(anna.id))).status).toBe(202);
  expect((await post(ann, like(ann.id))).status).toBe(401);
});
