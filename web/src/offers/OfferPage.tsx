// `/n/:slug/o/:id` (also the offer's ActivityPub id) and `/offers/:id` for
// offers from other networks: the offer, « ça m'intéresse », the private
// conversations, and for its author: agree, done, withdraw, renew; thanks.
import { Icon } from "../components/Icon.tsx";
import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { TextAreaField } from "../components/Field.tsx";
import { Loaded, FormAlert, valueOf } from "../components/Notice.tsx";
import { authorName, kindLabel, statusLabel, themeLabel } from "./OfferCard.tsx";
import { OfferConversation, responderName } from "./OfferConversation.tsx";
import { BlockButton } from "../messages/BlockButton.tsx";
import { OfferOwnerActions } from "./OfferOwnerActions.tsx";
import { VisibilityBadge } from "../components/VisibilityBadge.tsx";
import { createForm } from "../forms.ts";
import { formatDate, t } from "../i18n/index.ts";
import { offersApi, type OfferDetail } from "./api.ts";
import { session } from "../session.ts";
import { HiddenNotice } from "../moderation/HiddenNotice.tsx";
import { ReportButton } from "../moderation/ReportButton.tsx";
import "./offers.css";
import { Reactions } from "../components/Reactions.tsx";
import type { Reactions as ReactionsData } from "../federation-types.ts";

export default function OfferPage() {
  const params = useParams<{ slug?: string; id: string }>();
  // Likes and boosts from elsewhere come with the offer.
  const [reactions, setReactions] = createSignal<ReactionsData>();
  const [data, { mutate }] = createResource(() => params.id, async (id) => {
    const body = await offersApi.get(id);
    setReactions(body.reactions);
    return body.offer;
  });
  return (
    <div class="page page--narrow offer-page">
      <BackLink href={params.slug ? `/n/${params.slug}/offers` : "/"} label={t("offer.back")} />
      <Loaded data={data}>{(offer) => <OfferView offer={offer} slug={params.slug ?? offer.network.slug ?? ""} onChange={(o) => mutate(o)} />}</Loaded>
      {/* valueOf, not data.latest: reading a pending resource here would suspend the whole page. */}
      <Show when={valueOf(data) && reactions()}>
        {(r) => <Reactions reactions={r()} visibility={valueOf(data)!.visibility} headingId="offer-replies" heading="h2" />}
      </Show>
    </div>
  );
}

function OfferView(props: { offer: OfferDetail; slug: string; onChange: (o: OfferDetail) => void }) {
  const o = () => props.offer;
  const live = () => o().status === "open" || o().status === "agreed";
  const dates = () => [o().availableFrom && `${t("offerForm.from")} ${formatDate(o().availableFrom!)}`, o().availableUntil && `${t("offerForm.until")} ${formatDate(o().availableUntil!)}`].filter(Boolean).join(" · ");
  return (
    <article class="offer">
      <p class="offer-card__meta">
        <span class="badge offer-kind">{kindLabel(o())}</span> <span class="badge">{themeLabel(o().theme)}</span>{" "}
        <span class="badge offer-status">{statusLabel(o().status)}</span> <VisibilityBadge visibility={o().visibility} />
      </p>
      <Show when={o().hidden}>{(hidden) => <HiddenNotice type="offer" id={o().id} hidden={hidden()} mine={o().mine} />}</Show>
      <h1>{o().title}</h1>
      <Show when={o().ref}>{(ref) => <p class="offer__ref">{t("print.ref", { ref: ref() })}</p>}</Show>
      <p class="offer__who">
        {t("offers.from", { name: authorName(o()) })}
        <Show when={o().network.remote}>
          {" · "}
          <Show when={o().network.url} fallback={<strong>{t("offers.fromNetwork", { name: o().network.name })}</strong>}>
            {(url) => <a href={url()} rel="noopener"><strong>{t("offers.fromNetwork", { name: o().network.name })}</strong></a>}
          </Show>
        </Show>
      </p>
      <Show when={session() && !o().mine && (o().author || o().remoteAuthor)}>
        <p class="actions">
          <BlockButton target={o().author ? { handle: o().author!.handle } : { actor: o().remoteAuthor!.id }} name={authorName(o())} />
        </p>
      </Show>
      <For each={o().photos}>{(p) => <img class="offer__photo" src={p.url} alt={t("offers.photoAlt", { title: o().title })} />}</For>
      <div class="rich offer__body" innerHTML={o().bodyHtml} />
      <dl class="offer__details">
        <Show when={o().place}><dt>{t("offers.place")}</dt><dd><Icon name="pin" class="icon icon--inline" /> {o().place}</dd></Show>
        <Show when={o().availability || dates()}><dt>{t("offers.when")}</dt><dd>{[o().availability, dates()].filter(Boolean).join(" — ")}</dd></Show>
      </dl>
      <Show when={o().mine && o().expiresAt && live()}><p class="field__hint">{t("offer.expires", { date: formatDate(o().expiresAt!) })}</p></Show>
      <Show when={o().mine}>
        <OfferOwnerActions offer={o()} slug={props.slug} onChange={props.onChange} />
      </Show>
      <Show when={session() && !o().mine && live() && o().conversations.length === 0}>
        <Interested offer={o()} onChange={props.onChange} />
      </Show>
      <Show when={o().mine}>
        <h2>{t("offer.conversations", { count: o().conversations.length })}</h2>
        <Show when={o().conversations.length === 0}><p>{t("offer.noConversations")}</p></Show>
      </Show>
      <For each={o().conversations}>{(c) => <OfferConversation offer={o()} conversation={c} onChange={props.onChange} />}</For>
      <Thanks offer={o()} onChange={props.onChange} />
      <Show when={!o().mine}>
        <ReportButton type="offer" id={o().id} remote={o().network.remote} network={o().network.remote ? props.slug || undefined : undefined}
          label={o().kind === "offer" ? t("offer.report") : t("offer.reportRequest")} />
      </Show>
    </article>
  );
}

function Interested(props: { offer: OfferDetail; onChange: (o: OfferDetail) => void }) {
  const form = createForm("interest", ["message"]);
  const [text, setText] = createSignal("");
  const send = (event: SubmitEvent) => {
    event.preventDefault();
    form.submit(async () => props.onChange((await offersApi.respond(props.offer.id, text())).offer));
  };
  return (
    <form class="card interest" onSubmit={send} noValidate>
      <Show when={props.offer.network.remote}><p class="field__hint">{t("offer.remoteNote", { name: props.offer.network.name })}</p></Show>
      <FormAlert form={form} />
      <TextAreaField form={form} name="message" label={t("offer.messageLabel", { name: authorName(props.offer) })} hint={t("offer.messageHint")}
        rows={3} maxLength={2000} value={text()} onValue={setText} />
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("offer.interested")}</button>
    </form>
  );
}

function Thanks(props: { offer: OfferDetail; onChange: (o: OfferDetail) => void }) {
  const o = () => props.offer;
  const form = createForm("thanks", ["note", "to"]);
  const [note, setNote] = createSignal("");
  const me = () => session()?.member.handle;
  // The author thanks each person agreed with; they thank the author.
  const recipients = () =>
    o().mine
      ? o().conversations.filter((c) => c.agreed && (c.responder || c.remoteResponder)).map((c) =>
          c.responder ?? { handle: c.remoteResponder!.handle ?? c.remoteResponder!.id, displayName: responderName(c) })
      : o().conversations.some((c) => c.agreed) && o().author ? [o().author!] : [];
  const send = (to: string | undefined) => (event: SubmitEvent) => {
    event.preventDefault();
    if (!note().trim()) return form.fail("note", t("field.missing"));
    form.submit(async () => {
      props.onChange((await offersApi.thank(o().id, note(), to)).offer);
      setNote("");
    });
  };
  return (
    <Show when={o().status === "agreed" || o().status === "done"}>
      <section class="card thanks" aria-labelledby="thanks-title">
        <h2 id="thanks-title">{t("offer.thanks")}</h2>
        <Show when={o().participants.length}>
          <p>{t("offer.participants", { names: o().participants.map((p) => p.displayName).join(", ") })}</p>
        </Show>
        <ul>
          <For each={o().thanks}>{(th) => <li><strong>{th.from.displayName}</strong> → {th.to.displayName} : « {th.note} »</li>}</For>
        </ul>
        <FormAlert form={form} />
        <For each={recipients().filter((r) => r.handle !== me())}>
          {(r) => (
            <form onSubmit={send(o().mine ? r.handle : undefined)} noValidate>
              <TextAreaField form={form} name="note" label={t("offer.thankLabel", { name: r.displayName })} hint={t("offer.thankHint")} rows={2} maxLength={500} value={note()} onValue={setNote} />
              <button type="submit" class="button" disabled={form.busy()}>{t("offer.thankSend")}</button>
            </form>
          )}
        </For>
      </section>
    </Show>
  );
}
