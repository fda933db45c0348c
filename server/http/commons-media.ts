// Partner-only files (server/http/media.ts asks us once its own members'
// check failed). Served to:
//  - a request signed (HTTP signature, verified by Fedify) by an actor on the
//    host of an active partner Group of the file's network, unless that host
//    is blocked — the rule partner-only ActivityPub objects follow
//    (federation/access.ts);
//  - a logged-in member of a partner network on this instance.
import { mayFetch } from "../../federation/access.ts";
import { isLocalPartnerMember } from "../domain/announcement-views.ts";
import { findSession } from "../domain/sessions.ts";
import { sessionCookie } from "./auth.ts";
import { setPartnerMediaReader, type PartnerMediaReader } from "./media.ts";

const sessionToken = (request: Request) =>
  (request.headers.get("cookie") ?? "")
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === sessionCookie)?.[1];

export const partnerMediaReader: PartnerMediaReader = async (request, media, deps) => {
  if (media.visibility !== "partners") return false;
  const token = sessionToken(request);
  if (token) {
    const session = await findSession(deps.db, decodeURIComponent(token));
    if (session && (await isLocalPartnerMember(deps.db, media.networkId, session.member, deps.config.publicUrl.origin))) return true;
  }
  if (!deps.federation) return false;
  if (!request.headers.has("signature") && !request.headers.has("signature-input")) return false;
  const ctx = deps.federation.createContext(request, { db: deps.db });
  return mayFetch(ctx, media.networkId, "partners");
};

/** Called once by the commons routes (server/api/commons.ts). */
export function installPartnerMediaReader(): void {
  setPartnerMediaReader(partnerMediaReader);
}

// What we pass on of a partner's file: only types we would accept ourselves
// are shown inline; anything else is a download, sandboxed, never sniffed.
const inlineTypes = /^(application\/pdf|image\/(jpeg|png|webp|gif))$/;

export function partnerFileHeaders(upstream: Response, url: string): Record<string, string> {
  const type = (upstream.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const name = decodeURIComponent(new URL(url).pathname.split("/").pop() || "fichier").replace(/["\\\r\n]/g, "");
  const length = upstream.headers.get("content-length");
  return {
    "content-type": inlineTypes.test(type) || type === "text/plain" ? type : "application/octet-stream",
    "content-disposition": `${inlineTypes.test(type) ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox",
    "cache-control": "private, max-age=3600",
    ...(length ? { "content-length": length } : {}),
  };
}
