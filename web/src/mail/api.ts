// Password recovery, email address and email preferences (the server's own types).
import { apiRequest } from "../api.ts";
import type { Session } from "../types.ts";
import type { MailPreferences } from "../../../server/domain/mail/preferences.ts";

export type { MailPreferences };
export type MailCategory = Exclude<keyof MailPreferences, "viaSponsor">;
export type MailMode = MailPreferences[MailCategory];
export const mailCategories: MailCategory[] = ["offers", "events", "bookings", "tasks", "newsletter", "moderation"];
export const mailModes: MailMode[] = ["immediate", "daily", "weekly", "none"];

export interface EmailState {
  email: string | null;
  pendingEmail: string | null;
  preferences: MailPreferences;
}

export interface ResetCode {
  code: string;
  expiresAt: string;
  handle: string;
  displayName: string;
}

const enc = encodeURIComponent;

export const mailApi = {
  requestReset: (login: string) => apiRequest<{ status: string }>("POST", "/password-resets", { body: { login }, asSelf: true }),
  reset: (token: string, password: string) => apiRequest<Session>("POST", `/password-resets/${enc(token)}`, { body: { password }, asSelf: true }),
  resetCode: (slug: string, handle: string) => apiRequest<ResetCode>("POST", `/networks/${enc(slug)}/members/${enc(handle)}/reset-code`, { asSelf: true }),
  confirmEmail: (token: string) => apiRequest<{ email: string; handle: string }>("POST", `/email-confirmations/${enc(token)}`, { asSelf: true }),
  unsubscribe: (token: string) => apiRequest<{ unsubscribed: string }>("POST", `/mail/unsubscribe/${enc(token)}`, { asSelf: true }),
  emailState: () => apiRequest<EmailState>("GET", "/me/email"),
  setEmail: (email: string | null) => apiRequest<{ email: string | null; pendingEmail: string | null }>("PUT", "/me/email", { body: { email } }),
  setPreferences: (changes: Partial<MailPreferences>) => apiRequest<{ preferences: MailPreferences }>("PATCH", "/me/email/preferences", { body: changes }),
};
