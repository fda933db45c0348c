// Actor documents: Group for networks, Person for members, Application for the
// instance; content negotiation; keys made once.
import { isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorKeyTable } from "../../db/schema/index.ts";
import { createTestInstance, ORIGIN, seedMember, seedNetwork, type TestInstance } from "./support/instance.ts";

let app: TestInstance;

beforeAll(async () => {
  app = await createTestInstance();
  await seedNetwork(app.db, {
    slug: "les-tilleuls",
    name: "Les Tilleuls",
    description: "Réseau d'entraide de la résidence des Tilleuls.\n\nCafé le 1er samedi.",
    area: "Résidence des Tilleuls, Nantes",
    rules: "Gratuité\nRéciprocité",
    approvesFollowers: true,
  }, { keys: false });
  await seedMember(app.db, "alice", undefined, { keys: false });
});
afterAll(() => app.close());

async function json(path: string) {
  const response = await app.get(path);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/activity+json");
  return (await response.json()) as Record<string, any>;
}

describe("actor documents", () => {
  it("serves a network as a Group at /n/{slug}", async () => {
    const group = await json("/n/les-tilleuls");
    expect(group.type).toBe("Group");
    expect(group.id).toBe(`${ORIGIN}/n/les-tilleuls`);
    expect(group.url).toBe(`${ORIGIN}/n/les-tilleuls`);
    expect(group.preferredUsername).toBe("les-tilleuls");
    expect(group.name).toBe("Les Tilleuls");
    expect(group.summary).toBe("<p>Réseau d&#39;entraide de la résidence des Tilleuls.</p><p>Café le 1er samedi.</p>");
    expect(group.manuallyApprovesFollowers).toBe(true);
    expect(group.inbox).toBe(`${ORIGIN}/n/les-tilleuls/inbox`);
    expect(group.outbox).toBe(`${ORIGIN}/n/les-tilleuls/outbox`);
    expect(group.followers).toBe(`${ORIGIN}/n/les-tilleuls/followers`);
    expect(group.following).toBe(`${ORIGIN}/n/les-tilleuls/following`);
    expect(group.featured).toBe(`${ORIGIN}/n/les-tilleuls/featured`);
    expect(group.endpoints.sharedInbox).toBe(`${ORIGIN}/inbox`);
    const fields = [group.attachment].flat().map((a: any) => [a.type, a.name, a.value]);
    expect(fields).toEqual([
      ["PropertyValue", "Quartier", "<p>Résidence des Tilleuls, Nantes</p>"],
      ["PropertyValue", "Règles", "<p>Gratuité<br>Réciprocité</p>"],
    ]);
  });

  it("gives RSA publicKey and Ed25519 assertionMethod", async () => {
    const group = await json("/n/les-tilleuls");
    expect(group.publicKey.id).toBe(`${ORIGIN}/n/les-tilleuls#main-key`);
    expect(group.publicKey.owner).toBe(`${ORIGIN}/n/les-tilleuls`);
    expect(group.publicKey.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const methods = [group.assertionMethod].flat();
    expect(methods).toHaveLength(2);
    expect(methods.map((m: any) => m.type)).toEqual(["Multikey", "Multikey"]);
    expect(methods[1].publicKeyMultibase).toMatch(/^z6Mk/); // Ed25519
  });

  it("generates each actor's keys once and stores them", async () => {
    const first = await json("/m/alice");
    const again = await json("/m/alice");
    expect(again.publicKey.publicKeyPem).toBe(first.publicKey.publicKeyPem);
    const rows = await app.db.select().from(actorKeyTable).where(isNotNull(actorKeyTable.memberId));
    expect(rows.map((r) => r.algorithm).sort()).toEqual(["ed25519", "rsa"]);
    const modulus = rows.find((r) => r.algorithm === "rsa")!.publicKey.n!;
    expect(Buffer.from(modulus, "base64url")).toHaveLength(256); // RSA-2048, as Mastodon
  });

  it("serves a member as a Person at /m/{handle}, kept out of directories", async () => {
    const person = await json("/m/alice");
    expect(person.type).toBe("Person");
    expect(person.id).toBe(`${ORIGIN}/m/alice`);
    expect(person.name).toBe("Member alice");
    expect(person.discoverable).toBe(false);
    expect(person.indexable).toBe(false);
    expect(person.inbox).toBe(`${ORIGIN}/m/alice/inbox`);
  });

  it("serves the instance actor as an Application at /actor (FEP-2677)", async () => {
    const actor = await json("/actor");
    expect(actor.type).toBe("Application");
    expect(actor.id).toBe(`${ORIGIN}/actor`);
    expect(actor.preferredUsername).toBe("maillage.example");
    expect(actor.inbox).toBe(`${ORIGIN}/actor/inbox`);
    expect(actor.publicKey.id).toBe(`${ORIGIN}/actor#main-key`);
  });

  it("passes browsers on to the web app (same URL, HTML)", async () => {
    const response = await app.get("/n/les-tilleuls", "text/html,application/xhtml+xml");
    expect(response.status).toBe(406);
    expect(await response.text()).toBe("passed on: not acceptable");
  });

  it("passes unknown actors and other paths on to the web app", async () => {
    for (const path of ["/n/nobody", "/m/nobody", "/api/networks", "/n/les-tilleuls/annonces/1", "/@alice"]) {
      const response = await app.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toBe("passed on: not found");
    }
  });
});
