import { useParams, useSearchParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { Loaded } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { lang, t } from "../i18n/index.ts";
import { kindLabel } from "../offers/OfferCard.tsx";
import { createNetworkResource } from "../network.ts";
import { printApi, type Audience } from "./api.ts";
import { AudienceChoice, MembersOnlyNote, PrintedOn, PrintFrame } from "./PrintFrame.tsx";

/** `/n/:slug/print/offers`: the current offers and requests by theme, each with its number, to hand out or put up. */
export default function OffersSheet() {
  const params = useParams<{ slug: string }>();
  const [search, setSearch] = useSearchParams<{ audience?: string }>();
  const audience = (): Audience => (search.audience === "public" ? "public" : "members");
  const [network] = createNetworkResource(() => params.slug);
  const [sheet] = createResource(() => ({ slug: params.slug, audience: audience() }), ({ slug, audience }) => printApi.offers(slug, audience));
  return (
    <RequireLogin>
      <Loaded data={network}>
        {({ network: n }) => (
          <PrintFrame
            back={{ href: `/n/${n.slug}/offers`, label: t("nav.offers") }}
            title={t("print.offers.title", { network: n.name })}
            choices={<AudienceChoice value={audience()} onChoose={(a) => setSearch({ audience: a })} />}
          >
            <article class="sheet-page">
              <header class="sheet-head">
                <h2>{t("print.offers.title", { network: n.name })}</h2>
                <p>{t("print.offers.intro")}</p>
                <MembersOnlyNote audience={audience()} />
              </header>
              <Loaded data={sheet}>
                {(s) => (
                  <Show when={s.count} fallback={<p>{t("print.offers.none")}</p>}>
                    <For each={s.themes}>
                      {(group) => (
                        <section class="sheet-theme">
                          <h3>{lang() === "fr" ? group.theme.labelFr : group.theme.labelEn}</h3>
                          <ul class="sheet-offers">
                            <For each={group.offers}>
                              {(o) => (
                                <li class="sheet-offer">
                                  <span class="sheet-ref">{t("print.ref", { ref: o.ref ?? "—" })}</span>
                                  <div>
                                    <p class="sheet-offer__title"><strong>{kindLabel(o)}</strong> — {o.title}</p>
                                    <Show when={o.body}><p>{o.body}</p></Show>
                                    <p class="sheet-offer__facts">
                                      {[o.place, o.availability, o.author ? t("print.offers.by", { name: o.author }) : ""].filter(Boolean).join(" · ")}
                                    </p>
                                  </div>
                                </li>
                              )}
                            </For>
                          </ul>
                        </section>
                      )}
                    </For>
                    <Show when={s.truncated}><p>{t("print.offers.truncated", { count: s.count })}</p></Show>
                  </Show>
                )}
              </Loaded>
              <PrintedOn />
            </article>
          </PrintFrame>
        )}
      </Loaded>
    </RequireLogin>
  );
}
