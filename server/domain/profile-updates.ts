// The port through which a profile change reaches the fediverse (an Update of
// the network's Group or the member's Person). Called inside the use-case's
// transaction, so a rolled-back change sends nothing.
import type { DatabaseLike } from "../../db/client.ts";

export interface ProfileUpdates {
  networkChanged(tx: DatabaseLike, slug: string): Promise<void>;
  memberChanged(tx: DatabaseLike, handle: string): Promise<void>;
}

/** For an instance that does not federate (tests, the CLI). */
export const noProfileUpdates: ProfileUpdates = {
  networkChanged: async () => {},
  memberChanged: async () => {},
};
