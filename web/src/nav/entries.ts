// The places of the app, as one list: the bottom bar, the menu and the animation
// page all render from here. A new page is one entry (route, label, who sees it).
import type { MessageKey } from "../i18n/index.ts";
import type { Role } from "../types.ts";
import type { IconName } from "../components/Icon.tsx";

/** What decides where an entry leads and who sees it. */
export interface NavContext {
  /** The network being looked at, else the one last opened, else the first. */
  slug: string | null;
  /** The person's role in that network (null for a visitor). */
  role: Role | null;
  isAdmin: boolean;
}

export type Audience = "everyone" | "member" | "animator" | "admin";

export interface NavEntry {
  id: string;
  label: MessageKey;
  /** A short label for the bottom bar (same words, shorter); `label` otherwise. */
  short?: MessageKey;
  /** Where it leads, or null when it has no place here (no network yet). */
  href: (ctx: NavContext) => string | null;
  who: Audience;
  /** Shown in the phone's bottom bar, with this icon beside its text. */
  tab?: IconName;
  /** When this place is the current one (default: its href or a page under it). */
  current?: (path: string, href: string) => boolean;
}

const inNetwork = (path: string) => (ctx: NavContext) => (ctx.slug ? `/n/${ctx.slug}${path}` : null);

/** The main places, in the order of the bottom bar, then the rest of the menu. */
export const navEntries: NavEntry[] = [
  { id: "network", label: "nav.network", short: "nav.networkShort", href: inNetwork(""), who: "member", tab: "home", current: (path, href) => path === href },
  { id: "offers", label: "nav.offers", short: "nav.offersShort", href: inNetwork("/offers"), who: "member", tab: "offers", current: (path, href) => path.startsWith(href) || /^\/n\/[^/]+\/o\//.test(path) || path.startsWith("/offers/") },
  { id: "agenda", label: "nav.agenda", short: "nav.agendaShort", href: inNetwork("/agenda"), who: "member", tab: "agenda", current: (path, href) => path.startsWith(href) || /^\/n\/[^/]+\/e\//.test(path) },
  { id: "library", label: "nav.library", short: "nav.libraryShort", href: inNetwork("/commons"), who: "member", tab: "library", current: (path, href) => path.startsWith(href) || /^\/n\/[^/]+\/r\//.test(path) || path.startsWith("/commons/") },
  { id: "notifications", label: "nav.notifications", short: "nav.notificationsShort", href: () => "/me/notifications", who: "member", tab: "bell" },
  { id: "me", label: "nav.me", short: "nav.meShort", href: () => "/me", who: "member", tab: "person", current: (path) => path === "/me" || path === "/me/data" },
  { id: "messages", label: "nav.messages", href: () => "/messages", who: "member" },
  { id: "my-events", label: "nav.myEvents", href: () => "/me/events", who: "member" },
  { id: "feed", label: "nav.feed", href: () => "/feed", who: "member" },
  { id: "following", label: "nav.following", href: () => "/me/following", who: "member" },
  { id: "animation", label: "nav.animation", href: inNetwork("/animation"), who: "animator" },
  { id: "admin", label: "nav.admin", href: () => "/admin/networks", who: "admin" },
  { id: "admin-federation", label: "nav.adminFederation", href: () => "/admin/federation", who: "admin" },
];

/** The animation group's tools, on `/n/SLUG/animation` (and in the network's home for animators). */
export interface AnimationEntry {
  id: string;
  label: MessageKey;
  text: MessageKey;
  path: string;
}

export const animationEntries: AnimationEntry[] = [
  { id: "invitations", label: "network.invitationsLink", text: "network.invitationsText", path: "/invitations" },
  { id: "members", label: "network.membersLink", text: "network.membersText", path: "/members" },
  { id: "moderation", label: "moderation.title", text: "moderation.entryText", path: "/moderation" },
  { id: "partners", label: "network.partnersLink", text: "network.partnersText", path: "/partners" },
  { id: "settings", label: "network.settingsLink", text: "network.settingsText", path: "/settings" },
  { id: "impact", label: "toolkit.impact", text: "toolkit.impactText", path: "/impact" },
  { id: "report", label: "toolkit.report", text: "toolkit.reportText", path: "/report" },
  { id: "tasks", label: "toolkit.tasks", text: "toolkit.tasksText", path: "/tasks" },
  { id: "newsletters", label: "newsletter.link", text: "newsletter.linkText", path: "/newsletters" },
  { id: "poster", label: "toolkit.poster", text: "toolkit.posterText", path: "/print/poster" },
  { id: "offers-sheet", label: "toolkit.offers", text: "toolkit.offersText", path: "/print/offers" },
  { id: "agenda-sheet", label: "toolkit.agenda", text: "toolkit.agendaText", path: "/print/agenda" },
];

const runs = (role: Role | null) => role === "animator" || role === "pilot";

export function sees(entry: { who: Audience }, ctx: NavContext, loggedIn: boolean): boolean {
  switch (entry.who) {
    case "everyone": return true;
    case "member": return loggedIn;
    case "animator": return runs(ctx.role) || (ctx.isAdmin && ctx.slug !== null);
    case "admin": return ctx.isAdmin;
  }
}

export function isCurrent(entry: NavEntry, path: string, href: string): boolean {
  return entry.current ? entry.current(path, href) : path === href || path.startsWith(`${href}/`);
}
