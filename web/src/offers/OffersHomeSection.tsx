// On the network home: what is new this week, by theme; what matches the
// member's questionnaire; the network's open offers and exchanges done.
import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { t, tn } from "../i18n/index.ts";
import { offersApi } from "./api.ts";
import { Loaded } from "../components/Notice.tsx";
import { OfferCard, themeLabel } from "./OfferCard.tsx";
import "./offers.css";

export function OffersHomeSection(props: { slug: string }) {
  const [home] = createResource(() => props.slug, (slug) => offersApi.home(slug));
  return (
    <section class="card offers-home" aria-labelledby="offers-home-title">
      <h2 id="offers-home-title">{t("offersHome.title")}</h2>
      <Loaded data={home}>
        {(h) => (
          <>
            <p>{tn("offersHome.open", h.counts.open)} · {tn("offersHome.exchanges", h.counts.exchanges)}</p>
            <Show when={h.matches.length}>
              <h3>{t("offersHome.matches")}</h3>
              <ul class="offer-list"><For each={h.matches}>{(o) => <li><OfferCard offer={o} /></li>}</For></ul>
            </Show>
            <h3>{t("offersHome.week")}</h3>
            <Show when={h.week.length} fallback={<p>{t("offersHome.weekNone")}</p>}>
              <For each={h.week}>
                {(w) => (
                  <>
                    <h4>{themeLabel(w.theme)} ({w.count})</h4>
                    <ul class="offer-list"><For each={w.offers}>{(o) => <li><OfferCard offer={o} /></li>}</For></ul>
                  </>
                )}
              </For>
            </Show>
          </>
        )}
      </Loaded>
      <p><A href={`/n/${props.slug}/offers`} class="button button--primary">{t("offersHome.all")}</A></p>
    </section>
  );
}
