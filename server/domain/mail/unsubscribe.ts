// One-click unsubscribe links (RFC 8058): the link itself says who and what,
// signed with the instance's secret, so nothing is stored per email and a
// forged link changes nothing.
import { createHmac, timingSafeEqual } from "node:crypto";
import { mailCategories, type MailCategory } from "../../../db/schema/index.ts";

/** A category, or "all" (every notification email; what a reset email's link stops). */
export type UnsubscribeScope = MailCategory | "all";

const sign = (secret: string, memberId: string, scope: string) =>
  createHmac("sha256", secret).update(`unsubscribe:${memberId}:${scope}`).digest("base64url").slice(0, 32);

export const unsubscribeToken = (secret: string, memberId: string, scope: UnsubscribeScope) => `${memberId}.${scope}.${sign(secret, memberId, scope)}`;

export function readUnsubscribeToken(secret: string, token: string): { memberId: string; scope: UnsubscribeScope } | undefined {
  const [memberId, scope, signature] = token.split(".");
  if (!memberId || !signature || !/^[0-9a-f-]{36}$/i.test(memberId)) return undefined;
  if (scope !== "all" && !(mailCategories as readonly string[]).includes(scope)) return undefined;
  const expected = Buffer.from(sign(secret, memberId, scope));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return { memberId, scope: scope as UnsubscribeScope };
}
