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

/** The actor's key pairs, RSA then Ed25519, created and stored the first time. */
export async function keyPairsFor(db: DatabaseLike, actor: LocalActor): Promise<CryptoKeyPair[]> {
  let rows = await db.select().from(actorKeyTable).where(ownedBy(actorKeyTable, actor));
  const missing = algorithms.filter((a) => !rows.some((r) => r.algorithm === a.algorithm));
  if (missing.length > 0) {
    for (const { algorithm, webCrypto } of missing) {
      const pair = await generateCryptoKeyPair(webCrypto);
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
  return pairs;
}
