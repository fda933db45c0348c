// Acting from a Mastodon app (issue #15, items 5 and 6): posting to one's
// network, answering an offer by replying, and the author's answer coming back
// as a notification and in the conversation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createECDH, randomBytes } from "node:crypto";
import webpush from "web-push";
import { createStreamingAPIClient, type mastodon } from "masto";
import { deliverPushes } from "../../../server/mastodon/push/deliver.ts";
import { joinWith, withNetwork, type Client } from "../../helpers/app.ts";
import { logInWithApp, registerApp, serveTestApp, type RegisteredApp, type ServedApp } from "../../helpers/mastodon.ts";
import { expectShape, notificationShape, statusShape } from "./shapes.ts";

let t: ServedApp;
let admin: Client;
let paul: Client;
let app: RegisteredApp;
let marie: mastodon.rest.Client;
let marieToken: string;

beforeAll(async () => {
  t = await serveTestApp();
  admin = await withNetwork(t);
  await joinWith(t, admin, "marie");
  paul = await joinWith(t, admin, "paul");
  app = await registerApp(t.url);
  ({ rest: marie, token: marieToken } = await logInWithApp(t.url, app, "marie", "marie has a long password"));
});
afterAll(() => t.stop());

const plain = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();

describe("posting", () => {
  it("a status is an announcement to the member's network, visibility mapped", async () => {
    const posted = await marie.v1.statuses.create({ status: "Qui a vu un chat roux ?", visibility: "unlisted" });
    expectShape(posted, statusShape);
    expect(posted.visibility).toBe("unlisted");
    expect(posted.account.acct).toBe("marie");
    const list = await paul.get("/api/networks/lilas/announcements");
    const found = list.body.announcements.find((a: { content: string }) => a.content === "Qui a vu un chat roux ?");
    expect(found.visibility).toBe("partners");
    expect((await marie.v1.statuses.$select(posted.id).fetch()).id).toBe(posted.id);
  });

  it("with several networks, a leading @network chooses; without one, 422 naming them", async () => {
    expect((await admin.post("/api/networks", { slug: "roses", name: "Les Roses", area: "Rue des Roses" })).status).toBe(201);
    const inv = await admin.post("/api/networks/roses/invitations", { role: "member" });
    const web = t.client();
    await web.post("/api/session", { handle: "marie", password: "marie has a long password" });
    expect((await web.post(`/api/invitations/${inv.body.invitation.code}/accept`, {})).status).toBeLessThan(300);
    await expect(marie.v1.statuses.create({ status: "Pour qui ?" })).rejects.toMatchObject({ statusCode: 422 });
    const posted = await marie.v1.statuses.create({ status: "@roses Bonjour les Roses", visibility: "private" });
    expect(plain(posted.content)).toBe("Bonjour les Roses");
    const roses = await web.get("/api/networks/roses/announcements");
    expect(roses.body.announcements[0]).toMatchObject({ content: "Bonjour les Roses", visibility: "network" });
  });

  it("a photo uploaded with its description goes with the status", async () => {
    const png = await (await fetch(new URL("/mastodon/avatar.png", t.url))).blob();
    const media = await marie.v2.media.create({ file: png, description: "Un chat roux sur un muret" });
    expect(media.type).toBe("image");
    const posted = await marie.v1.statuses.create({ status: "@lilas Le voici !", mediaIds: [media.id] });
    expect(posted.mediaAttachments).toEqual([expect.objectContaining({ id: media.id, description: "Un chat roux sur un muret" })]);
    await expect(marie.v2.media.create({ file: new Blob(["not an image"]) })).rejects.toMatchObject({ statusCode: 422 });
  });

  it("edits and deletes one's own; not someone else's", async () => {
    const posted = await marie.v1.statuses.create({ status: "@lilas Brouillon" });
    const edited = await marie.v1.statuses.$select(posted.id).update({ status: "Texte corrigé" });
    expect(plain(edited.content)).toBe("Texte corrigé");
    const paulPost = await paul.post("/api/networks/lilas/announcements", { content: "À Paul" });
    const home = await marie.v1.timelines.home.list({ limit: 40 });
    const his = home.find((s) => s.content.includes("À Paul"))!;
    await expect(marie.v1.statuses.$select(his.id).remove()).rejects.toMatchObject({ statusCode: 403 });
    expect(paulPost.status).toBe(201);
    await marie.v1.statuses.$select(posted.id).remove();
    await expect(marie.v1.statuses.$select(posted.id).fetch()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("answering an offer", () => {
  it("a reply says « ça m'intéresse »; the author's answer comes back as a notification and in the conversation", async () => {
    const offer = await paul.post("/api/networks/lilas/offers", { kind: "offer", title: "Escabeau à prêter", theme: "pret-de-materiel" });
    expect(offer.status).toBe(201);
    const home = await marie.v1.timelines.home.list({ limit: 40 });
    const status = home.find((s) => s.content.includes("Escabeau"))!;
    const reply = await marie.v1.statuses.create({ status: "Je peux passer samedi ?", inReplyToId: status.id, visibility: "direct" });
    expect(reply).toMatchObject({ visibility: "direct", inReplyToId: status.id });
    expect(plain(reply.content)).toBe("Je peux passer samedi ?");

    // Paul sees it in the web app and answers there.
    const seen = await paul.get(`/api/offers/${offer.body.offer.id}`);
    const conversation = seen.body.offer.conversations[0];
    expect(conversation.messages.map((m: { body: string }) => m.body)).toEqual(["Je peux passer samedi ?"]);
    const answered = await paul.post(`/api/offers/${offer.body.offer.id}/conversations/${conversation.id}/messages`, { message: "Oui, à 10 h." });
    expect(answered.status).toBeLessThan(300);

    const notifications = await marie.v1.notifications.list();
    const mention = notifications.find((n) => n.type === "mention")!;
    expectShape(mention, notificationShape);
    expect(plain(mention.status!.content)).toBe("Oui, à 10 h.");
    expect(mention.account.acct).toBe("paul");

    const context = await marie.v1.statuses.$select(status.id).context.fetch();
    expect(context.descendants.map((s) => plain(s.content))).toEqual(["Je peux passer samedi ?", "Oui, à 10 h."]);
    const [conv] = await marie.v1.conversations.list();
    expect(conv.accounts.map((a) => a.acct)).toEqual(["paul"]);
    expect(plain(conv.lastStatus!.content)).toBe("Oui, à 10 h.");

    // Continuing by replying to his message.
    const again = await marie.v1.statuses.create({ status: "Parfait, merci !", inReplyToId: mention.status!.id });
    expect(plain(again.content)).toBe("Parfait, merci !");
    const grouped = await marie.v2.notifications.list();
    expect(grouped.notificationGroups.length).toBeGreaterThan(0);

    await marie.v1.notifications.$select(mention.id).dismiss();
    expect((await marie.v1.notifications.list()).map((n) => n.id)).not.toContain(mention.id);
    await marie.v1.notifications.clear();
    expect(await marie.v1.notifications.list()).toEqual([]);
  });

  it("replies to what is not an offer, unknown ids, missing scope", async () => {
    const ann = await marie.v1.statuses.create({ status: "@lilas Une annonce" });
    await expect(marie.v1.statuses.create({ status: "?", inReplyToId: ann.id })).rejects.toMatchObject({ statusCode: 422 });
    await expect(marie.v1.statuses.$select("1234").fetch()).rejects.toMatchObject({ statusCode: 404 });
    const readOnly = await logInWithApp(t.url, app, "marie", "marie has a long password", "read");
    await expect(readOnly.rest.v1.statuses.create({ status: "@lilas Non" })).rejects.toMatchObject({ statusCode: 403 });
  });
});

describe("streaming", () => {
  const offerFromMarie = async (title: string) => {
    const web = t.client();
    await web.post("/api/session", { handle: "marie", password: "marie has a long password" });
    const offer = await web.post("/api/networks/lilas/offers", { kind: "offer", title, theme: "pret-de-materiel" });
    expect(offer.status).toBe(201);
    return offer.body.offer.id as string;
  };

  it("a notification arrives through the WebSocket stream (masto.js)", async () => {
    const streaming = createStreamingAPIClient({ streamingApiUrl: t.url.replace(/^http/, "ws"), accessToken: marieToken, retry: false });
    const subscription = streaming.user.notification.subscribe();
    const first = (async () => {
      for await (const event of subscription) if (event.event === "notification") return event.payload;
    })();
    // The stream starts when the app connects: wait for that before the notification exists.
    await expect.poll(() => t.streaming.clients.size, { timeout: 10_000 }).toBeGreaterThan(0);
    const id = await offerFromMarie("Tondeuse à prêter");
    expect((await paul.post(`/api/offers/${id}/responses`, { message: "Je veux bien la tondeuse" })).status).toBeLessThan(300);
    const payload = await first;
    expect(payload?.type).toBe("mention");
    expect(payload?.account.acct).toBe("paul");
    subscription.unsubscribe();
    streaming.close();
  });

  it("and through server-sent events", async () => {
    const stop = new AbortController();
    const res = await fetch(new URL("/api/v1/streaming/user/notification", t.url), { headers: { authorization: `Bearer ${marieToken}` }, signal: stop.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read();
    const id = await offerFromMarie("Remorque à prêter");
    await paul.post(`/api/offers/${id}/responses`, { message: "La remorque, samedi ?" });
    let text = "";
    while (!text.includes("event: notification")) text += (await reader.read()).value ?? "";
    expect(text).toContain("La remorque, samedi ?");
    stop.abort();
    const unauthorised = await fetch(new URL("/api/v1/streaming/user", t.url));
    expect(unauthorised.status).toBe(401);
  });

  it("a revoked token's open streams end at once, server-sent events and WebSocket alike", async () => {
    const { token } = await logInWithApp(t.url, app, "marie", "marie has a long password");
    const res = await fetch(new URL("/api/v1/streaming/user", t.url), { headers: { authorization: `Bearer ${token}` } });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read();
    const streaming = createStreamingAPIClient({ streamingApiUrl: t.url.replace(/^http/, "ws"), accessToken: token, retry: false });
    const events = streaming.user.subscribe();
    const wsEnded = (async () => {
      for await (const _ of events);
      return true;
    })().catch(() => true);
    await expect.poll(() => t.streaming.clients.size, { timeout: 10_000 }).toBeGreaterThan(0);
    const revoke = await fetch(new URL("/oauth/revoke", t.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: app.clientId, client_secret: app.clientSecret, token }),
    });
    expect(revoke.status).toBe(200);
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(await wsEnded).toBe(true);
    streaming.close();
  });
});

describe("web push", () => {
  it("a phone subscribes; a new notification is pushed, encrypted and signed with the instance's VAPID key", async () => {
    const phone = createECDH("prime256v1");
    phone.generateKeys();
    const keys = { p256dh: phone.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") };
    const subscription = await marie.v1.push.subscription.create({
      subscription: { endpoint: "https://push.example/send/abc", keys },
      data: { alerts: { mention: true, follow: false } },
      policy: "all",
    });
    const instance = await marie.v2.instance.fetch();
    expect(subscription.serverKey).toBe(instance.configuration.vapid.publicKey);
    expect(subscription.alerts.mention).toBe(true);
    expect(subscription.alerts.follow).toBe(false);

    const web = t.client();
    await web.post("/api/session", { handle: "marie", password: "marie has a long password" });
    const offer = await web.post("/api/networks/lilas/offers", { kind: "offer", title: "Brouette à prêter", theme: "pret-de-materiel" });
    await paul.post(`/api/offers/${offer.body.offer.id}/responses`, { message: "La brouette ?" });

    const sent: { endpoint: string; headers: Record<string, unknown>; payload: string }[] = [];
    const send = (async (sub: webpush.PushSubscription, payload?: string | Buffer | null, options?: webpush.RequestOptions) => {
      const request = webpush.generateRequestDetails(sub, payload ?? undefined, options) as unknown as { endpoint: string; headers: Record<string, unknown> };
      sent.push({ endpoint: request.endpoint, headers: request.headers, payload: String(payload) });
      return { statusCode: 201, body: "", headers: {} };
    }) as unknown as typeof webpush.sendNotification;
    expect(await deliverPushes(t.handle.db, new URL("https://maillage.test"), { send, allowPrivate: true })).toBe(1);
    expect(sent[0].endpoint).toBe("https://push.example/send/abc");
    expect(sent[0].headers["Content-Encoding"]).toBe("aes128gcm");
    expect(String(sent[0].headers.Authorization)).toContain(`k=${instance.configuration.vapid.publicKey}`);
    expect(JSON.parse(sent[0].payload)).toMatchObject({ notification_type: "mention", title: "Paul" });
    // Pushed once only.
    expect(await deliverPushes(t.handle.db, new URL("https://maillage.test"), { send, allowPrivate: true })).toBe(0);

    await marie.v1.push.subscription.remove();
    await expect(marie.v1.push.subscription.fetch()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("never pushes into the server's own network: private, loopback and plain http endpoints are refused, names checked again before each push", async () => {
    const keys = { p256dh: "BKey", auth: "auth" };
    for (const endpoint of ["https://127.0.0.1/push", "https://10.1.2.3/push", "https://[::1]/push", "https://localhost/push", "http://push.example/push"]) {
      await expect(marie.v1.push.subscription.create({ subscription: { endpoint, keys }, policy: "all" }), endpoint).rejects.toMatchObject({ statusCode: 422 });
    }
    const phone = createECDH("prime256v1");
    phone.generateKeys();
    await marie.v1.push.subscription.create({
      subscription: { endpoint: "https://push.invalid/send/def", keys: { p256dh: phone.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") } },
      data: { alerts: { mention: true } },
      policy: "all",
    });
    const web = t.client();
    await web.post("/api/session", { handle: "marie", password: "marie has a long password" });
    const offer = await web.post("/api/networks/lilas/offers", { kind: "offer", title: "Escabeau à prêter", theme: "pret-de-materiel" });
    await paul.post(`/api/offers/${offer.body.offer.id}/responses`, { message: "L'escabeau ?" });
    let sent = 0;
    const send = (async () => (sent++, { statusCode: 201, body: "", headers: {} })) as unknown as typeof webpush.sendNotification;
    // A name that resolves to no public address (here: to none at all) is not pushed to, and stays due.
    expect(await deliverPushes(t.handle.db, new URL("https://maillage.test"), { send })).toBe(0);
    expect(sent).toBe(0);
    expect(await deliverPushes(t.handle.db, new URL("https://maillage.test"), { send, allowPrivate: true })).toBe(1);
    await marie.v1.push.subscription.remove();
  });
});
