// Private messages and blocks: the API's calls, with the server's own types
// (dates arrive as ISO strings).
import { apiRequest } from "../api.ts";
import type { ConversationView, MessageView } from "../../../server/domain/messages/conversations.ts";
import type { BlockView } from "../../../server/domain/blocks/blocks.ts";

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export type Conversation = Json<ConversationView>;
export type Message = Json<MessageView>;
export type Block = Json<BlockView>;
export interface Thread {
  conversation: Conversation;
  messages: Message[];
}

const enc = encodeURIComponent;

export const messagesApi = {
  list: (before?: string) =>
    apiRequest<{ unread: number; conversations: Conversation[] }>("GET", `/me/conversations${before ? `?before=${enc(before)}` : ""}`),
  thread: (id: string) => apiRequest<Thread>("GET", `/me/conversations/${enc(id)}`),
  answer: (id: string, message: string) => apiRequest<{ message: Message }>("POST", `/me/conversations/${enc(id)}/messages`, { body: { message } }),
  start: (to: string, message: string) => apiRequest<Thread>("POST", "/me/conversations", { body: { to, message } }),
  blocks: () => apiRequest<{ blocks: Block[] }>("GET", "/me/blocks"),
  block: (target: { handle: string } | { actor: string }) => apiRequest<{ block: Block }>("POST", "/me/blocks", { body: target }),
  unblock: (id: string) => apiRequest<void>("DELETE", `/me/blocks/${enc(id)}`),
};
