// What each email says, in French and English. Notification wording is the
// web app's own catalogue (one wording for the app and the email).
import { frCommons } from "../../../web/src/i18n/fr-commons.ts";
import { enCommons } from "../../../web/src/i18n/en-commons.ts";
import { frEvents } from "../../../web/src/i18n/fr-events.ts";
import { enEvents } from "../../../web/src/i18n/en-events.ts";
import { frOffers } from "../../../web/src/i18n/fr-offers.ts";
import { enOffers } from "../../../web/src/i18n/en-offers.ts";
import { frTasks } from "../../../web/src/i18n/fr-tasks.ts";
import { enTasks } from "../../../web/src/i18n/en-tasks.ts";
import { frModeration } from "../../../web/src/i18n/fr-moderation.ts";
import { enModeration } from "../../../web/src/i18n/en-moderation.ts";
import type { MailCategory } from "../../../db/schema/index.ts";
import type { DatabaseLike } from "../../../db/client.ts";
import { issueForMail } from "../newsletters/issues.ts";
import type { MailContent } from "./layout.ts";
import type { UnsubscribeScope } from "./unsubscribe.ts";

export type Locale = "fr" | "en";

export interface TemplateContext {
  locale: Locale;
  displayName: string;
  origin: string;
  networkName: string;
  params: Record<string, unknown>;
}

export interface Template {
  /** Data the params only point to (a newsletter issue), loaded at send time; undefined: nothing to send. */
  load?(db: DatabaseLike, params: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
  /** What the unsubscribe link of this email stops. */
  scope(params: Record<string, unknown>): UnsubscribeScope;
  reason(locale: Locale, networkName: string): string;
  render(ctx: TemplateContext): MailContent;
}

const catalogue: Record<Locale, Record<string, string>> = {
  fr: { ...frOffers, ...frEvents, ...frTasks, ...frCommons, ...frModeration },
  en: { ...enOffers, ...enEvents, ...enTasks, ...enCommons, ...enModeration },
};

export interface NotificationItem {
  kind: string;
  title: string;
  path: string;
  from: string;
}

/** "notify.offers.interest" → "Marie est intéressée par « Perceuse »", as the app says it. */
export function notificationLine(locale: Locale, item: NotificationItem): string {
  const pattern = catalogue[locale][`notify.${item.kind}`] ?? (locale === "fr" ? "Du nouveau : « {title} »" : "Something new: “{title}”");
  return pattern.replace("{from}", item.from || (locale === "fr" ? "Quelqu'un" : "Someone")).replace("{title}", item.title);
}

/** Which preference a notification kind falls under. */
export function categoryOf(kind: string): MailCategory {
  if (kind.startsWith("offers.") || kind.startsWith("offer.") || kind.startsWith("messages.")) return "offers";
  if (kind.startsWith("event.")) return "events";
  if (kind.startsWith("commons.booking")) return "bookings";
  if (kind.startsWith("tasks.")) return "tasks";
  if (kind.startsWith("moderation.")) return "moderation";
  return "offers";
}

const hello = (ctx: TemplateContext) => (ctx.locale === "fr" ? `Bonjour ${ctx.displayName},` : `Hello ${ctx.displayName},`);
const memberReason = (locale: Locale, network: string) =>
  locale === "fr" ? `Vous recevez ce courriel comme membre de ${network} sur Maillage.` : `You receive this email as a member of ${network} on Maillage.`;

const passwordReset: Template = {
  scope: () => "all",
  reason: (locale) => (locale === "fr" ? "Vous recevez ce courriel parce qu'un nouveau mot de passe a été demandé pour votre compte." : "You receive this email because a new password was asked for your account."),
  render: (ctx) => {
    const url = `${ctx.origin}/reset/${ctx.params.token}`;
    return ctx.locale === "fr"
      ? {
          subject: "Choisir un nouveau mot de passe",
          paragraphs: [hello(ctx), "Quelqu'un (vous, sans doute) a demandé un nouveau mot de passe pour votre compte. Ce lien permet d'en choisir un :"],
          action: { label: "Choisir un nouveau mot de passe", url },
          after: ["Le lien est valable une heure, une seule fois. Si vous n'avez rien demandé, ignorez ce courriel : votre mot de passe ne change pas."],
        }
      : {
          subject: "Choose a new password",
          paragraphs: [hello(ctx), "Someone (probably you) asked for a new password for your account. This link lets you choose one:"],
          action: { label: "Choose a new password", url },
          after: ["The link works once, for one hour. If you asked for nothing, ignore this email: your password does not change."],
        };
  },
};

const emailConfirm: Template = {
  scope: () => "all",
  reason: (locale) => (locale === "fr" ? "Vous recevez ce courriel parce que cette adresse a été indiquée sur un compte Maillage." : "You receive this email because this address was given for a Maillage account."),
  render: (ctx) => {
    const url = `${ctx.origin}/email/confirm/${ctx.params.token}`;
    return ctx.locale === "fr"
      ? {
          subject: "Confirmer votre adresse",
          paragraphs: [hello(ctx), `Confirmez que ${ctx.params.email} est bien votre adresse : Maillage ne l'utilisera qu'ensuite.`],
          action: { label: "Confirmer mon adresse", url },
          after: ["Le lien est valable 48 heures. Si ce n'est pas vous, ignorez ce courriel."],
        }
      : {
          subject: "Confirm your address",
          paragraphs: [hello(ctx), `Confirm that ${ctx.params.email} is your address: Maillage will only use it then.`],
          action: { label: "Confirm my address", url },
          after: ["The link works for 48 hours. If this was not you, ignore this email."],
        };
  },
};

const notification: Template = {
  scope: (params) => categoryOf(String(params.kind)),
  reason: memberReason,
  render: (ctx) => {
    const item = ctx.params as unknown as NotificationItem;
    const line = notificationLine(ctx.locale, item);
    return {
      subject: line,
      paragraphs: [hello(ctx), line],
      action: { label: ctx.locale === "fr" ? "Voir" : "Open", url: `${ctx.origin}${item.path}` },
    };
  },
};

const digest: Template = {
  scope: () => "all",
  reason: memberReason,
  render: (ctx) => {
    const items = (ctx.params.items ?? []) as NotificationItem[];
    const weekly = ctx.params.frequency === "weekly";
    const subject = ctx.locale === "fr"
      ? `${weekly ? "Votre semaine" : "Votre journée"} à ${ctx.networkName} : ${items.length} nouvelle${items.length > 1 ? "s" : ""}`
      : `Your ${weekly ? "week" : "day"} at ${ctx.networkName}: ${items.length} new`;
    const list = items.map((item) => ({ line: notificationLine(ctx.locale, item), url: `${ctx.origin}${item.path}` }));
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    return {
      subject,
      paragraphs: [hello(ctx), ctx.locale === "fr" ? "Voici ce qui s'est passé pour vous :" : "Here is what happened for you:"],
      body: {
        html: `<ul style="padding-left:20px;font-size:16px;line-height:1.5">${list.map((i) => `<li><a href="${esc(i.url)}">${esc(i.line)}</a></li>`).join("")}</ul>`,
        text: list.map((i) => `- ${i.line}\n  ${i.url}`).join("\n"),
      },
    };
  },
};

const newsletter: Template = {
  load: async (db, params) => {
    const issue = await issueForMail(db, String(params.issue));
    return issue && { ...params, issueContent: issue };
  },
  scope: () => "newsletter",
  reason: (locale, network) =>
    locale === "fr" ? `Vous recevez la lettre d'information de ${network} comme membre du réseau.` : `You receive the newsletter of ${network} as a member of the network.`,
  render: (ctx) => {
    const issue = ctx.params.issueContent as { subject: string; html: string; text: string };
    const test = ctx.params.test ? (ctx.locale === "fr" ? "[Essai] " : "[Test] ") : "";
    return { subject: `${test}${issue.subject}`, paragraphs: [], body: { html: issue.html, text: issue.text } };
  },
};

export const templates: Record<string, Template> = {
  newsletter,
  password_reset: passwordReset,
  email_confirm: emailConfirm,
  notification,
  digest,
};
