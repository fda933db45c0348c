// Which network the navigation is about, and what the person may see there.
import { useLocation, useMatch } from "@solidjs/router";
import { createMemo, type Accessor } from "solid-js";
import { lastNetwork, session } from "../session.ts";
import { navEntries, sees, type NavContext, type NavEntry } from "./entries.ts";

/** The network looked at, else the one last opened, else the person's first one. */
export function useNavContext(): Accessor<NavContext> {
  const inNetwork = useMatch(() => "/n/:slug/*");
  return createMemo(() => {
    const current = session();
    const memberships = current?.memberships ?? [];
    const looked = inNetwork()?.params.slug;
    const last = lastNetwork();
    const mine = memberships.find((m) => m.network.slug === looked)
      ?? memberships.find((m) => m.network.slug === last)
      ?? memberships[0];
    // A visitor on another network's pages still gets the menu of their own.
    const slug = mine?.network.slug ?? (current?.member.isAdmin ? looked ?? null : null);
    return { slug, role: mine?.role ?? null, isAdmin: current?.member.isAdmin === true };
  });
}

export interface VisibleEntry {
  entry: NavEntry;
  href: string;
}

/** The entries this person sees here, with where each leads. */
export function useVisibleEntries(ctx: Accessor<NavContext>): Accessor<VisibleEntry[]> {
  return createMemo(() => {
    const loggedIn = !!session();
    return navEntries.flatMap((entry) => {
      const href = sees(entry, ctx(), loggedIn) ? entry.href(ctx()) : null;
      return href ? [{ entry, href }] : [];
    });
  });
}

export function useCurrentPath(): Accessor<string> {
  const location = useLocation();
  return () => location.pathname;
}
