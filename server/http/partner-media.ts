// Partner-only files, of any feature (server/http/media.ts asks here once its
// own members' check failed). Served to:
//  - a request signed (HTTP signature, verified by Fedify) by an actor on the
//    host of an active partner Group of the file's network, unless that host
//    is blocked — the rule partner-only ActivityPub objects follow
//    (federation/access.ts);
//  - a logged-in member of a partner network on this instance.
import { mayFetch } from "../../federation/access.ts";
import { isLocalPartnerMember } from "../domain/announcement-views.ts";
import type { PartnerMediaReader } from "./media.ts";

export const partnerMediaReader: PartnerMediaReader = async (request, media, deps, viewer) => {
  if (media.visibility !== "partners") return false;
  if (viewer && (await isLocalPartnerMember(deps.db, media.networkId, viewer, deps.config.publicUrl.origin))) return true;
  if (!deps.federation) return false;
  if (!request.headers.has("signature") && !request.headers.has("signature-input")) return false;
  const ctx = deps.federation.createContext(request, { db: deps.db });
  return mayFetch(ctx, media.networkId, "partners");
};


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
