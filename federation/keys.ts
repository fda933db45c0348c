// Each local actor gets an RSA key (HTTP signatures, what Mastodon reads as
// `publicKey`) and an Ed25519 key (Object Integrity Proofs, `assertionMethod`),
// generated on first use and kept in `actor_key`.
import { exportJwk, generateCryptoKeyPair, importJwk } from "@fedify/fedify";
import type { DatabaseLike } from "../db/client.ts";
import { actorKeyTable, type KeyAlgorithm } from "../db/schema/index.ts";
import { ownedBy, ownerColumns, type LocalActor } from "./identifiers.ts";

// RSA first: Fedify exposes the first key as `publicKey` (#main-key).
const algorithms: { algorithm: KeyAlgorithm; webCrypto: "RSASSA-PKCS1-v1_5" | "Ed25519" }[] = [
  { algorithm: "rsa", webCrypto: "RSASSA-PKCS1-v1_5" },
  { algorithm: "ed25519", webCrypto: "Ed25519" },
];

// RSA-2048 like Mastodon: Fedify's 4096-bit default costs 3-5x more per signature,
// and every delivery is signed.
const generate = (webCrypto: "RSASSA-PKCS1-v1_5" | "Ed25519"): Promise<CryptoKeyPair> =>
  webCrypto === "Ed25519"
    ? generateCryptoKeyPair("Ed25519")
    : (crypto.subtle.generateKey(
        { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
        true,
        ["sign", "verify"],
      ) as Promise<CryptoKeyPair>);

// Stored keys never change: imported once per database and actor, since
// importing them on every signed request was a tenth of an actor fetch's cost.
const imported = new WeakMap<DatabaseLike, Map<string, Promise<CryptoKeyPair[]>>>();

/** The actor's key pairs, RSA then Ed25519, created and stored the first time. */
export async function keyPairsFor(db: DatabaseLike, actor: LocalActor): Promise<CryptoKeyPair[]> {
  let cache = imported.get(db);
  if (!cache) imported.set(db, (cache = new Map()));
  // By owner id, not handle: a handle freed by a deleted account may be reused.
  const owner = JSON.stringify(ownerColumns(actor));
  const cached = cache.get(owner);
  if (cached) return cached;
  const loading = loadKeyPairs(db, actor);
  // Only keys that were already stored are cached: new ones may belong to a
  // transaction that is yet to commit.
  const pairs = await loading;
  if (pairs.stored) cache.set(owner, loading.then((p) => p.pairs));
  return pairs.pairs;
}

async function loadKeyPairs(db: DatabaseLike, actor: LocalActor): Promise<{ pairs: CryptoKeyPair[]; stored: boolean }> {
  let rows = await db.select().from(actorKeyTable).where(ownedBy(actorKeyTable, actor));
  const missing = algorithms.filter((a) => !rows.some((r) => r.algorithm === a.algorithm));
  if (missing.length > 0) {
    for (const { algorithm, webCrypto } of missing) {
      const pair = await generate(webCrypto);
      // Two requests may race on a new actor: the first insert wins, both read it back.
      await db
        .insert(actorKeyTable)
        .values({
          ...ownerColumns(actor),
          algorithm,
          publicKey: await exportJwk(pair.publicKey),
          privateKey: await exportJwk(pair.privateKey),
        })
        .onConflictDoNothing();
    }
    rows = await db.select().from(actorKeyTable).where(ownedBy(actorKeyTable, actor));
  }
  const pairs: CryptoKeyPair[] = [];
  for (const { algorithm } of algorithms) {
    const row = rows.find((r) => r.algorithm === algorithm);
    if (!row) continue;
    pairs.push({
      publicKey: await importJwk(row.publicKey, "public"),
      privateKey: await importJwk(row.privateKey, "private"),
    });
  }
  return { pairs, stored: missing.length === 0 };
}
