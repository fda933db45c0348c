// URLs that come from other servers (an object's or actor's url, an icon, an
// attachment, an event's page) are links we show: only http and https ever
// are, so that a `javascript:` or `data:` URL is never stored nor rendered.
// The web app checks again where it renders them (web/src/web-href.ts).

/** `value` as an absolute http(s) URL string, or null. */
export function webUrl(value: unknown): string | null {
  const text = value instanceof URL ? value.href : typeof value === "string" ? value : null;
  if (text === null || !URL.canParse(text)) return null;
  const url = new URL(text);
  return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
}
