// On a profile: the member's current offers and requests in each of their
// networks, and how many exchanges they took part in (a count, no ranking).
import { createResource, For, Show } from "solid-js";
import { actingFor } from "../api.ts";
import { t, tn } from "../i18n/index.ts";
import { session } from "../session.ts";
import { offersApi } from "./api.ts";
import { Loaded } from "../components/Notice.tsx";
import { OfferCard } from "./OfferCard.tsx";
import "./offers.css";

/** The member shown on /me: oneself, or the sponsored member one acts for. */
export function MemberOffers() {
  const who = () => {
    const s = session();
    return s ? { handle: actingFor() ?? s.member.handle, slugs: s.memberships.map((m) => m.network.slug) } : undefined;
  };
  const [data] = createResource(
    () => (who() ? JSON.stringify(who()) : undefined),
    async () => {
      const { handle, slugs } = who()!;
      const all = await Promise.all(slugs.map((slug) => offersApi.ofMember(slug, handle).catch(() => ({ offers: [], exchanges: 0 }))));
      return { offers: all.flatMap((r) => r.offers), exchanges: all[0]?.exchanges ?? 0 };
    },
  );
  return (
    <section class="card" aria-labelledby="member-offers-title">
      <h2 id="member-offers-title">{t("memberOffers.title")}</h2>
      <Loaded data={data}>
        {(d) => (
          <>
            <Show when={d.offers.length} fallback={<p>{t("memberOffers.none")}</p>}>
              <ul class="offer-list"><For each={d.offers}>{(o) => <li><OfferCard offer={o} /></li>}</For></ul>
            </Show>
            <p>{tn("memberOffers.exchanges", d.exchanges)}</p>
          </>
        )}
      </Loaded>
    </section>
  );
}
