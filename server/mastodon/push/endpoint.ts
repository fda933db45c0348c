// A push endpoint is a URL an app chose, and the worker POSTs to it: like any
// remote URL, it must be a public https address, never one inside the
// server's own network (ALLOW_PRIVATE_ADDRESS, test mode only, lifts this).
import { isIP } from "node:net";
import { isValidPublicIPv4Address, isValidPublicIPv6Address, validatePublicUrl } from "@fedify/vocab-runtime";

/** What is wrong with the endpoint as written, or null (checked when an app subscribes). */
export function endpointProblem(endpoint: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "must be a URL";
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) return "must be an https URL";
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const family = isIP(host);
  const isPrivate =
    host === "localhost" || host.endsWith(".localhost") ||
    (family === 4 && !isValidPublicIPv4Address(host)) || (family === 6 && !isValidPublicIPv6Address(host));
  return isPrivate ? "must be a public address" : null;
}

/** Checked again before each push, on what the name resolves to now. */
export async function reachesPublicAddress(endpoint: string, allowPrivate: boolean): Promise<boolean> {
  if (allowPrivate) return true;
  try {
    await validatePublicUrl(endpoint);
    return true;
  } catch {
    return false;
  }
}
