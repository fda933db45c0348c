// One resource as readers see it: where it comes from, its licence and the
// attribution chain (kept while the licence demands it), its content, files.
import { For, Show } from "solid-js";
import type { Resource } from "./types.ts";
import { fileTypeLabel } from "./file-types.ts";
import { formatDate, t, type MessageKey } from "../i18n/index.ts";
import { webHref } from "../web-href.ts";

/** A partner's file goes through our instance, which may fetch partner-only files (signed). */
const fileHref = (resource: Resource, url: string) =>
  resource.source.local ? url : !webHref(url) ? undefined : `/api/commons/shared/file?ref=${encodeURIComponent(resource.id)}&url=${encodeURIComponent(url)}`;

export function ResourceDetail(props: { resource: Resource }) {
  const r = () => props.resource;
  return (
    <article class="card resource" aria-labelledby="resource-heading">
      <p class="facts">
        <span class="badge">{t(`commons.kind.${r().kind}` as MessageKey)}</span>
        <span>{t("commons.from", { network: r().source.name })}</span>
        <span>{formatDate(r().updatedAt)}</span>
      </p>
      <h1 id="resource-heading">{r().title}</h1>
      <Show when={r().available === false}>
        <p class="notice notice--warn">{t("commons.unavailable")}</p>
      </Show>
      <Show when={r().summary}>
        <p class="resource__summary"><strong>{r().summary}</strong></p>
      </Show>
      <Show when={r().attribution.length}>
        <section class="resource__attribution" aria-labelledby="attribution-title">
          <h2 id="attribution-title">{t("commons.attribution")}</h2>
          <ul>
            <For each={r().derivation}>
              {(link, i) => (
                <li>
                  <Show when={link.url} fallback={r().attribution[i()]}>
                    <a href={webHref(link.url)} rel="nofollow noopener">{r().attribution[i()]}</a>
                  </Show>
                </li>
              )}
            </For>
          </ul>
          <Show when={r().attributionRequired}>
            <p class="field__hint">{t("commons.attributionKept")}</p>
          </Show>
        </section>
      </Show>
      <div class="resource__body rich" innerHTML={r().bodyHtml} />
      <Show when={r().files.length}>
        <h2>{t("commons.files")}</h2>
        <ul class="link-list">
          <For each={r().files}>
            {(file) => (
              <li>
                <a class="link-tile" href={fileHref(r(), file.url)} target="_blank" rel="noopener">
                  <strong>{file.name ?? file.url}</strong>
                  <span>{fileTypeLabel(file.contentType)}</span>
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p class="facts">
        <Show when={r().authors.length}>
          <span>{t("commons.authors", { authors: r().authors.join(", ") })}</span>
        </Show>
        <span>
          <a href={r().licenceUrl} rel="license noopener" target="_blank">{t("commons.licenceOf", { licence: r().licenceLabel })}</a>
        </span>
      </p>
    </article>
  );
}
