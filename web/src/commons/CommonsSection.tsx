import "./commons.css";
// On a network's page: the way to its library, and the latest resources its
// partner networks share — for a regional network, whose partners are
// networks, this is the aggregate of their commons.
import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { commonsApi, itemHref } from "./api.ts";
import { t, type MessageKey } from "../i18n/index.ts";
import { Loaded } from "../components/Notice.tsx";

export function CommonsSection(props: { slug: string }) {
  const [shared] = createResource(() => props.slug, (slug) => commonsApi.library(slug, { scope: "partners" }));
  return (
    <section class="card" aria-labelledby="commons">
      <h2 id="commons">{t("commons.partnersShare")}</h2>
      <Loaded data={shared}>
        {({ items }) => (
          <Show when={items.length} fallback={<p>{t("commons.noneShared")}</p>}>
            <ul class="link-list">
              <For each={items.slice(0, 5)}>
                {(item) => (
                  <li>
                    <A href={itemHref(item, props.slug)} class="link-tile">
                      <strong>{item.title}</strong>
                      <span>{t(`commons.kind.${item.kind}` as MessageKey)} — {item.source.name}</span>
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Loaded>
      <p>
        <A href={`/n/${props.slug}/commons`} class="button">{t("commons.link")}</A>
      </p>
    </section>
  );
}
