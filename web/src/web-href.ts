// Links to other servers (an actor's page, a reply, a remote event or file)
// come from what those servers sent. The server keeps only http(s) URLs; the
// page checks again where it renders them, so a `javascript:` URL stored by an
// older version, or passed some other way, is never a link.

/** The first of `urls` that is an absolute http(s) URL, for an href; else undefined (no link). */
export function webHref(...urls: (string | null | undefined)[]): string | undefined {
  for (const url of urls) {
    if (url && URL.canParse(url) && /^https?:$/.test(new URL(url).protocol)) return url;
  }
  return undefined;
}
