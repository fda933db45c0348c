// Sessions kept in memory: finding one by its cookie was a statement on every
// API request, the most frequent read there is.
//
// Freshness is the document cache's: a kept session is used only while the
// document generation read for this request is the one read before it was
// found. Every change that can end or alter a session bumps it at commit, on
// any process: a log-out, a password reset or a clean-up deletes the row
// (trigger `sessions_changed`, migration 0029), and the member's row and
// memberships bump it like any document's table (a role, an account deleted).
// Its expiry bounds it too. A token not found is not kept (random cookies
// would fill the memory), nor is a session past its expiry.
import type { Context } from "hono";
import type { DatabaseLike } from "../../db/client.ts";
import { digest, findSessionByHash, type SessionInfo } from "../domain/sessions.ts";
import type { AppEnv } from "./context.ts";

interface Kept {
  info: SessionInfo;
  generation: number;
  expiresAt: number;
}

// Least recently used out first: a few thousand sessions in use at once.
const MAX_ENTRIES = 5_000;

export class SessionCache {
  readonly #entries = new Map<string, Kept>();

  /** The session of `token` as of `generation` (read after the request arrived), or undefined. */
  async find(db: DatabaseLike, token: string, generation: number | Promise<number>): Promise<SessionInfo | undefined> {
    // Kept under the hash, as in the database: memory holds no usable token.
    const hash = digest(token);
    const current = await generation;
    const kept = this.#entries.get(hash);
    if (kept) {
      this.#entries.delete(hash);
      if (kept.generation === current && Date.now() < kept.expiresAt) {
        this.#entries.set(hash, kept);
        return kept.info;
      }
    }
    const row = await findSessionByHash(db, hash);
    if (!row) return undefined;
    const info = { member: row.member, csrfToken: row.csrfToken };
    this.#entries.set(hash, { info, generation: current, expiresAt: row.expiresAt.getTime() });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= MAX_ENTRIES) break;
      this.#entries.delete(oldest);
    }
    return info;
  }
}

/** The document generation for this request: read once after it arrived, shared by the session and response caches. */
export function requestGeneration(c: Context<AppEnv>): number | Promise<number> {
  let generation = c.var.generation;
  if (generation === undefined) {
    generation = c.var.deps.generations.read();
    c.set("generation", generation);
  }
  return generation;
}
