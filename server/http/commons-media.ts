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
