import { hash, verify } from "@node-rs/argon2";
import { fail, ok, type Result } from "./result.ts";

// Argon2id with OWASP's second recommended profile (19 MiB, 2 passes).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

// A hash of a throwaway password: verifying against it when the handle is
// unknown keeps login time the same, so timing does not reveal which part was wrong.
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword("decoy password never used"));

const common = new Set([
  "motdepasse", "motdepasse1", "password", "password1", "12345678", "123456789", "1234567890",
  "azertyuiop", "qwertyuiop", "azerty123", "iloveyou", "soleil123", "bonjour123", "00000000",
]);

/** At least 8 characters, not a well-known password, not the handle itself. */
export function checkPasswordStrength(password: string, handle: string, field = "password"): Result<string> {
  if ([...password].length < 8) {
    return fail("invalid", "weak_password", "The password needs at least 8 characters", field);
  }
  if ([...password].length > 256) {
    return fail("invalid", "invalid_password", "The password is too long (256 characters at most)", field);
  }
  const lower = password.toLowerCase();
  if (common.has(lower) || lower === handle.toLowerCase() || /^(.)\1+$/.test(password)) {
    return fail("invalid", "weak_password", "This password is too easy to guess", field);
  }
  return ok(password);
}
