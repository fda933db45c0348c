import type { DatabaseLike } from "../db/client.ts";

/** What Fedify passes to every dispatcher and inbox listener. */
export interface FederationContextData {
  db: DatabaseLike;
}
