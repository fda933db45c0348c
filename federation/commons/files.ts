// Files of a partner's resource, fetched for our members: partner-only files
// are served only to signed requests from partner instances, which a browser
// cannot make, so our instance fetches them signed as its instance actor
// (FEP-2677) and passes them on. Callers check that the viewer may see the
// resource and that the URL is one of its files on its Group's host.
import type { Federation } from "@fedify/fedify";
import { signRequest } from "@fedify/fedify";
import type { DatabaseLike } from "../../db/client.ts";
import type { FederationContextData } from "../context.ts";
import { INSTANCE_IDENTIFIER } from "../identifiers.ts";

export const MAX_PARTNER_FILE = 25 * 1024 * 1024;

export async function fetchPartnerFile(federation: Federation<FederationContextData>, origin: URL, db: DatabaseLike, url: string): Promise<Response | null> {
  const ctx = federation.createContext(origin, { db });
  const rsa = (await ctx.getActorKeyPairs(INSTANCE_IDENTIFIER)).find((k) => k.privateKey.algorithm.name === "RSASSA-PKCS1-v1_5");
  if (!rsa) return null;
  const request = await signRequest(new Request(url, { headers: { accept: "*/*" } }), rsa.privateKey, rsa.keyId);
  const response = await fetch(request, { redirect: "error", signal: AbortSignal.timeout(30_000) }).catch(() => null);
  if (!response?.ok || Number(response.headers.get("content-length") ?? 0) > MAX_PARTNER_FILE) return null;
  return response;
}
