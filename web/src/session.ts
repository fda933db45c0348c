// Who is logged in, and what the instance is: loaded once, shared by every page.
import { createSignal } from "solid-js";
import { actingFor, api, ApiError, setActingFor, setCsrfToken } from "./api.ts";
import { isLang, setLang, type Lang } from "./i18n/index.ts";
import type { Instance, Session } from "./types.ts";

/** `undefined` while loading, `null` when logged out. */
const [session, setSessionSignal] = createSignal<Session | null | undefined>(undefined);
const [instance, setInstance] = createSignal<Instance | undefined>(undefined);
const [startupError, setStartupError] = createSignal<ApiError | undefined>(undefined);
export { session, instance, startupError };

export function applySession(next: Session | null) {
  setCsrfToken(next?.csrfToken ?? null);
  // Acting for someone lasts across reloads, for as long as they are still sponsored by this account.
  const acting = actingFor();
  if (acting && !next?.sponsored.some((person) => person.handle === acting)) setActingFor(null);
  setSessionSignal(next);
  if (next && isLang(next.member.locale)) setLang(next.member.locale);
}

export async function loadSession(): Promise<void> {
  try {
    applySession(await api.session());
  } catch (error) {
    if (error instanceof ApiError && error.status !== 401) setStartupError(error);
    applySession(null);
  }
}

export async function loadInstance(): Promise<Instance | undefined> {
  try {
    const value = await api.instance();
    setInstance(value);
    return value;
  } catch (error) {
    if (error instanceof ApiError) setStartupError(error);
    return undefined;
  }
}

export function markSetUp() {
  const current = instance();
  if (current) setInstance({ ...current, needsSetup: false });
}

export async function logout() {
  try {
    await api.logout();
  } finally {
    applySession(null);
  }
}

/** The switcher's choice is remembered here and, when logged in, on the account. */
export function switchLang(next: Lang) {
  setLang(next, true);
  const current = session();
  if (!current) return;
  setSessionSignal({ ...current, member: { ...current.member, locale: next } });
  api.updateMe({ locale: next }, true).catch(() => {
    // Not worth bothering the person: the choice still holds in this browser.
  });
}

const lastNetworkKey = "maillage.network";

/** Remembers the network last opened, so the home page brings its member back there. */
export function rememberNetwork(slug: string) {
  globalThis.localStorage?.setItem(lastNetworkKey, slug);
}

export const lastNetwork = (): string | null => globalThis.localStorage?.getItem(lastNetworkKey) ?? null;

/** Where a logged-in member belongs: the network they last opened, else their first one, or the admin page. */
export function homePathOf(current: Session): string | null {
  const last = lastNetwork();
  const network = current.memberships.find((m) => m.network.slug === last) ?? current.memberships[0];
  if (network) return `/n/${network.network.slug}`;
  if (current.member.isAdmin) return "/admin/networks";
  return null;
}

/** After animators rename their network: the header and the network switch follow. */
export function renameNetwork(slug: string, name: string) {
  const current = session();
  if (!current) return;
  setSessionSignal({
    ...current,
    memberships: current.memberships.map((m) => (m.network.slug === slug ? { ...m, network: { ...m.network, name } } : m)),
  });
}

/** After the member edits their own profile (keeps "acting for" as it is). */
export function updateSessionMember(member: Session["member"]) {
  const current = session();
  if (current) setSessionSignal({ ...current, member });
}
