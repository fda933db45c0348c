// Conversations both ways between two real instances over HTTPS (real
// signatures): A (network "lilas") and B ("tilleuls").
// - An offer on A, answered from B: the author answers on A, agrees; B's member
//   receives each as a direct Note in the thread (their offer conversation on
//   B), answers, and the answer comes back into the same conversation on A.
// - A direct message from B's member to A's member lands in A's messages
//   (never in a feed), the answer gets back to B; once A's member blocks B's,
//   nothing more arrives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, B, dumpLogsOnFailure, SETUP_TIMEOUT_MS, since, startInstances, waitFor, type ApiClient, type Fleet, type Instance } from "../helpers/instances.ts";
import { DELIVERY_TIMEOUT_MS, feed, follow } from "./steps.ts";

let fleet: Fleet;
let a: Instance, b: Instance;
let alice: ApiClient; // member of lilas (A)
let benoit: ApiClient; // member of tilleuls (B)

beforeAll(async () => {
  const started = Date.now();
  fleet = await startInstances([
    { ...A, network: { slug: "lilas", name: "Les Lilas", animator: "amelie" } },
    { ...B, network: { slug: "tilleuls", name: "Les Tilleuls", animator: "bruno" } },
  ]);
  [a, b] = fleet.instances;
  [alice, benoit] = await Promise.all([a.invitedBy(a.animator, "lilas", "alice"), b.invitedBy(b.animator, "tilleuls", "benoit")]);
  console.log(`messages: 2 instances in ${since(started)}`);
}, SETUP_TIMEOUT_MS);
afterAll(() => fleet?.dispose());
dumpLogsOnFailure(() => fleet);

const offerOnA = (id: string) => alice.expect(200, "GET", `/api/offers/${id}`).then((r) => r.body.offer);
const offerOnB = (id: string) => benoit.expect(200, "GET", `/api/offers/${id}`).then((r) => r.body.offer);

describe("an offer on A answered from B", () => {
  let offer: any; // on A
  let remote: any; // the same, as B lists it

  it("B's member answers; A's author sees it", async () => {
    await follow(benoit, `lilas@${A.ip}`, a.networkUrl("lilas"));
    offer = (await alice.expect(201, "POST", "/api/networks/lilas/offers", {
      kind: "offer", theme: "pret-de-materiel", title: "Escabeau à prêter", body: "Trois marches.", visibility: "public",
    })).body.offer;
    remote = await waitFor("A's offer on B", async () => (await benoit.expect(200, "GET", "/api/networks/tilleuls/offers?q=escabeau")).body.offers[0], { timeoutMs: DELIVERY_TIMEOUT_MS });
    await benoit.expect(201, "POST", `/api/offers/${remote.id}/responses`, { message: "Je peux le prendre jeudi ?" });
    const seen = await waitFor("the interest on A", async () => (await offerOnA(offer.id)).conversations[0], { timeoutMs: DELIVERY_TIMEOUT_MS });
    expect(seen.remoteResponder).toMatchObject({ id: b.memberUrl("benoit") });
    expect(seen.messages[0].html).toContain("jeudi ?");
  });

  it("the author answers and agrees on A: B's member receives both in the thread, as direct Notes", async () => {
    const conversation = (await offerOnA(offer.id)).conversations[0];
    await alice.expect(201, "POST", `/api/offers/${offer.id}/conversations/${conversation.id}/messages`, { message: "Oui, passez après 18 h." });
    await alice.expect(200, "POST", `/api/offers/${offer.id}/agree`, { conversations: [conversation.id] });
    const thread = await waitFor("the author's answers on B", async () => {
      const mine = (await offerOnB(remote.id)).conversations[0];
      return mine?.messages.length >= 3 ? mine : undefined;
    }, { timeoutMs: DELIVERY_TIMEOUT_MS });
    const [, answer, agreed] = thread.messages;
    expect(answer).toMatchObject({ fromAuthor: true });
    expect(answer.html).toContain("Oui, passez après 18 h.");
    expect(agreed.html).toContain("Accord trouvé");
    // Direct: never in B's member's feed, nor in their messages (it belongs to the offer).
    expect(JSON.stringify(await feed(benoit))).not.toContain("18 h");
    const notes = (await benoit.expect(200, "GET", "/api/me/notifications")).body.notifications;
    expect(notes.some((n: any) => n.kind === "offers.message" && n.subject.id === remote.id)).toBe(true);
  });

  it("B's member answers again: it comes back into the same conversation on A", async () => {
    const mine = (await offerOnB(remote.id)).conversations[0];
    await benoit.expect(201, "POST", `/api/offers/${remote.id}/conversations/${mine.id}/messages`, { message: "Parfait, merci !" });
    const back = await waitFor("the answer on A", async () => {
      const c = (await offerOnA(offer.id)).conversations;
      return c.length === 1 && c[0].messages.some((m: any) => m.html?.includes("Parfait, merci")) ? c[0] : undefined;
    }, { timeoutMs: DELIVERY_TIMEOUT_MS });
    expect(back.agreed).toBe(true);
  });
});

describe("a direct message from B to a member of A", () => {
  let onA: any;

  it("lands in A's member's messages, never in a feed, with a notification", async () => {
    await follow(alice, `benoit@${B.ip}`, b.memberUrl("benoit"));
    await benoit.expect(201, "POST", "/api/me/conversations", { to: `@alice@${A.ip}`, message: "Bonjour Alice, un mot en privé." });
    onA = await waitFor("the message on A", async () => (await alice.expect(200, "GET", "/api/me/conversations")).body.conversations[0], { timeoutMs: DELIVERY_TIMEOUT_MS });
    expect(onA).toMatchObject({ with: { id: b.memberUrl("benoit") }, unread: 1, blocked: false });
    const { unread } = (await alice.expect(200, "GET", "/api/me/conversations")).body;
    expect(unread).toBe(1);
    expect(JSON.stringify(await feed(alice))).not.toContain("en privé");
    const notes = (await alice.expect(200, "GET", "/api/me/notifications")).body.notifications;
    expect(notes[0]).toMatchObject({ kind: "messages.direct", subject: { type: "conversation", id: onA.id, path: `/messages/${onA.id}` } });
  });

  it("A's member answers: the answer gets back to B's conversation", async () => {
    const thread = (await alice.expect(200, "GET", `/api/me/conversations/${onA.id}`)).body;
    expect(thread.messages[0].html).toContain("un mot en privé");
    expect((await alice.expect(200, "GET", "/api/me/conversations")).body.unread).toBe(0);
    await alice.expect(201, "POST", `/api/me/conversations/${onA.id}/messages`, { message: "Bonjour Benoît, bien reçu." });
    const onB = await waitFor("the answer on B", async () => {
      const [c] = (await benoit.expect(200, "GET", "/api/me/conversations")).body.conversations;
      return c?.unread === 1 ? c : undefined;
    }, { timeoutMs: DELIVERY_TIMEOUT_MS });
    const back = (await benoit.expect(200, "GET", `/api/me/conversations/${onB.id}`)).body.messages;
    expect(back.map((m: any) => m.outgoing)).toEqual([true, false]);
    expect(back[1].html).toContain("bien reçu");
  });

  it("once A's member blocks B's, nothing more arrives, silently", async () => {
    const { block } = (await alice.expect(201, "POST", "/api/me/blocks", { actor: b.memberUrl("benoit") })).body;
    expect(block.account.id).toBe(b.memberUrl("benoit"));
    const [onB] = (await benoit.expect(200, "GET", "/api/me/conversations")).body.conversations;
    await benoit.expect(201, "POST", `/api/me/conversations/${onB.id}/messages`, { message: "Encore un mot." });
    // A marker sent after it, by someone else, proves delivery went on.
    const bruno = b.animator;
    await bruno.expect(201, "POST", "/api/me/conversations", { to: `@alice@${A.ip}`, message: "Un autre voisin écrit." });
    await waitFor("the marker on A", async () => (await alice.expect(200, "GET", "/api/me/conversations")).body.conversations.length === 2, { timeoutMs: DELIVERY_TIMEOUT_MS });
    const thread = (await alice.expect(200, "GET", `/api/me/conversations/${onA.id}`)).body;
    expect(JSON.stringify(thread)).not.toContain("Encore un mot");
    expect(thread.conversation.blocked).toBe(true);
  });
});
