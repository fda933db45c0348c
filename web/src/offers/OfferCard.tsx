// One offer or request in a list: kind, theme, title, where and when, whose
// (and from which network when it comes from elsewhere), its photo.
import { Icon } from "../components/Icon.tsx";
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { lang, t, type MessageKey } from "../i18n/index.ts";
import type { Offer } from "./api.ts";
import { VisibilityBadge } from "../components/VisibilityBadge.tsx";

export const themeLabel = (theme: Offer["theme"]) => (lang() === "fr" ? theme.labelFr : theme.labelEn);
export const kindLabel = (offer: Pick<Offer, "kind">) => t(offer.kind === "offer" ? "offers.badgeOffer" : "offers.badgeRequest");
export const statusLabel = (status: Offer["status"]) => t(`offers.status.${status}` as MessageKey);
export const authorName = (offer: Offer) => offer.author?.displayName ?? offer.remoteAuthor?.name ?? offer.remoteAuthor?.handle ?? "";

/** The page of an offer in this app (remote ones too: members answer from here). */
export const offerPath = (offer: Pick<Offer, "id" | "network">) => (offer.network.slug ? `/n/${offer.network.slug}/o/${offer.id}` : `/offers/${offer.id}`);

export function OfferCard(props: { offer: Offer }) {
  const offer = () => props.offer;
  return (
    <article class="card offer-card" classList={{ "offer-card--request": offer().kind === "request" }}>
      <Show when={offer().photos[0]}>
        {(photo) => <img class="offer-card__photo" src={photo().url} alt={t("offers.photoAlt", { title: offer().title })} loading="lazy" />}
      </Show>
      <div class="offer-card__text">
        <p class="offer-card__meta">
          <span class="badge offer-kind">{kindLabel(offer())}</span> <span class="badge">{themeLabel(offer().theme)}</span>{" "}
          <Show when={offer().status !== "open"}><span class="badge">{statusLabel(offer().status)}</span> </Show>
          <VisibilityBadge visibility={offer().visibility} />
        </p>
        <h3 class="offer-card__title"><A href={offerPath(offer())}>{offer().title}</A></h3>
        <p class="offer-card__who">
          {t("offers.from", { name: authorName(offer()) })}
          <Show when={offer().network.remote}> · <strong>{t("offers.fromNetwork", { name: offer().network.name })}</strong></Show>
          <Show when={offer().place}> · <Icon name="pin" class="icon icon--inline" /><span class="visually-hidden">{t("offers.place")} : </span>{offer().place}</Show>
        </p>
      </div>
    </article>
  );
}
