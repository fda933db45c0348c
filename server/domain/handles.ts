// Handles (members) and slugs (networks) share one namespace: both become
// `acct:NAME@host` on the fediverse.
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { memberTable, networkTable } from "../../db/schema/index.ts";
import { fail, ok, type Result } from "./result.ts";

const pattern = /^[a-z0-9](?:[a-z0-9_-]{1,28}[a-z0-9])$/;

// Names that would collide with routes or read as official.
export const reservedNames: readonly string[] = [
  "admin", "administrateur", "api", "actor", "inbox", "outbox", "instance", "maillage",
  "moderation", "moderateur", "root", "support", "system", "www", "n", "m", "me", "setup",
  "login", "logout", "signup", "invitation", "healthz", "nodeinfo", "well-known",
];
const reserved = new Set(reservedNames);

export function normaliseHandle(input: string): string {
  return input.trim().replace(/^@/, "").toLowerCase();
}

/** Checks the form of a handle or slug; `field` names it in the failure. */
export function checkHandleForm(handle: string, field: string): Result<string> {
  if (!pattern.test(handle)) {
    return fail(
      "invalid",
      "invalid_handle",
      "Use 3 to 30 lower-case letters, digits, - or _, starting and ending with a letter or digit",
      field,
    );
  }
  if (reserved.has(handle)) {
    return fail("conflict", "handle_reserved", `This name is reserved by the app; so are: ${reservedNames.join(", ")}. Choose another one, a first name for instance`, field);
  }
  return ok(handle);
}

export async function isNameTaken(db: DatabaseLike, name: string): Promise<boolean> {
  const [member] = await db.select({ id: memberTable.id }).from(memberTable).where(eq(memberTable.handle, name)).limit(1);
  if (member) return true;
  const [network] = await db.select({ id: networkTable.id }).from(networkTable).where(eq(networkTable.slug, name)).limit(1);
  return network !== undefined;
}

/** A well-formed name nobody uses yet. */
export async function claimName(db: DatabaseLike, input: string, field: string): Promise<Result<string>> {
  const form = checkHandleForm(normaliseHandle(input), field);
  if (!form.ok) return form;
  if (await isNameTaken(db, form.value)) {
    return fail("conflict", "handle_taken", "This name is already taken", field);
  }
  return form;
}
