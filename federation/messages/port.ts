// The domain's MessagePort on Fedify: a member's answer is a direct Note
// (direct-notes.ts), enqueued in the use-case's transaction; an account is
// looked up by handle or URL, signed as the instance actor.
import type { Federation } from "@fedify/fedify";
import { isActor } from "@fedify/vocab";
import type { DatabaseLike } from "../../db/client.ts";
import type { MessagePort } from "../../server/domain/messages/conversations.ts";
import { isBlockedHost } from "../blocks.ts";
import { federationLogger, signedLoader, type FederationContextData } from "../context.ts";
import { sendDirectNote } from "../direct-notes.ts";
import { rememberActor } from "../remote-actors.ts";

export function federatedMessages(federation: Federation<FederationContextData>, origin: URL | string): MessagePort {
  const base = new URL(origin);
  const on = (db: DatabaseLike) => federation.createContext(base, { db });
  return {
    send: async (tx, note) => {
      await sendDirectNote(on(tx), {
        senderHandle: note.member.handle,
        recipient: note.recipient,
        text: note.text,
        messageId: note.messageId,
        inReplyTo: note.inReplyTo,
        orderingKey: `${note.member.id} ${note.recipient.id}`,
      });
    },
    lookup: async (db, target) => {
      const ctx = on(db);
      let found: unknown = null;
      try {
        found = await ctx.lookupObject(target, { documentLoader: await signedLoader(ctx) });
      } catch (error) {
        federationLogger.debug("Lookup of {target} failed: {error}", { target, error });
      }
      if (!isActor(found) || found.id === null || ctx.parseUri(found.id) !== null) return null;
      const remote = await rememberActor(db, found);
      return remote && !(await isBlockedHost(db, remote.host)) ? remote : null;
    },
  };
}
