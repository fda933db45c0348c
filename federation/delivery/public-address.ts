// Deliveries go only to public addresses. Fedify's check resolves the host's
// name each time: once per delivery, ten thousand lookups for one fan-out
// through the libuv thread pool, which fetches share. The verdict is kept per
// host for a minute: a host that moves inside our network is refused within
// that minute, as a lookup made just before the move would have let it by.
import { validatePublicUrl } from "@fedify/vocab-runtime";
import type { MayReach } from "./send.ts";

const KEEP_MS = 60_000;
const MAX_HOSTS = 5_000;

export function publicAddressCheck(
  validate: (url: string) => Promise<unknown> = validatePublicUrl,
  now: () => number = Date.now,
): MayReach {
  const verdicts = new Map<string, { reachable: Promise<boolean>; until: number }>();
  return (url: URL) => {
    const key = `${url.protocol}//${url.hostname}`;
    const kept = verdicts.get(key);
    if (kept && kept.until > now()) return kept.reachable;
    const reachable = validate(url.href).then(() => true, () => false);
    verdicts.delete(key);
    verdicts.set(key, { reachable, until: now() + KEEP_MS });
    if (verdicts.size > MAX_HOSTS) verdicts.delete(verdicts.keys().next().value!);
    return reachable;
  };
}
