import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api } from "../api.ts";
import type { Partner } from "../federation-types.ts";
import { t } from "../i18n/index.ts";
import { Loaded } from "./Notice.tsx";
import { webHref } from "../web-href.ts";

/** Where a partner network's page is: here, inside the app; elsewhere, its own page. */
export function PartnerLink(props: { partner: Partner }) {
  const name = () => props.partner.name?.trim() || props.partner.handle || props.partner.actorId;
  const localPath = () => (props.partner.local && props.partner.url ? new URL(props.partner.url).pathname : null);
  return (
    <Show
      when={localPath()}
      fallback={<a href={webHref(props.partner.url, props.partner.actorId)} rel="nofollow noopener noreferrer">{name()}</a>}
    >
      {(path) => <A href={path()}>{name()}</A>}
    </Show>
  );
}

/** The network's active partners, on its home page; everyone may see them. */
export function PartnersSection(props: { slug: string }) {
  const [data] = createResource(() => props.slug, api.partners);
  return (
    <section class="card" aria-labelledby="partners-title">
      <h2 id="partners-title">{t("partners.title")}</h2>
      <Loaded data={data}>
        {({ partners }) => (
          <Show when={partners.length} fallback={<p>{t("partners.none")}</p>}>
            <p class="muted">{t("partners.intro")}</p>
            <ul class="item-list">
              <For each={partners}>
                {(partner) => (
                  <li class="item">
                    <div class="item__main">
                      <p class="item__title"><PartnerLink partner={partner} /></p>
                      <p class="handle">{partner.local ? t("partners.here") : partner.handle}</p>
                      <Show when={partner.summary?.trim()}>
                        <p class="partner__summary">{partner.summary}</p>
                      </Show>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Loaded>
    </section>
  );
}
