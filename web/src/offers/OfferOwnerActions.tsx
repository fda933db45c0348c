// What the author of an offer (or their sponsor) does with it: edit it, mark
// the exchange done, renew it, and withdraw it after saying yes to a question.
import { createSignal, Show } from "solid-js";
import { FormAlert } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { offersApi, type OfferDetail } from "./api.ts";
import { OfferForm } from "./OfferForm.tsx";

export function OfferOwnerActions(props: { offer: OfferDetail; slug: string; onChange: (o: OfferDetail) => void }) {
  const o = () => props.offer;
  const live = () => o().status === "open" || o().status === "agreed";
  const actions = createForm("offer-actions", []);
  const [editing, setEditing] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const act = (call: () => Promise<{ offer: OfferDetail }>) => actions.submit(async () => props.onChange((await call()).offer));
  let withdrawButton: HTMLButtonElement | undefined;

  const askWithdraw = () => setConfirming(true);
  const keep = () => {
    setConfirming(false);
    withdrawButton?.focus();
  };

  return (
    <Show when={!editing()} fallback={
      <OfferForm slug={props.slug} kind={o().kind} editing={o()}
        onPosted={(offer) => { setEditing(false); props.onChange(offer); }} onCancel={() => setEditing(false)} />
    }>
      <FormAlert form={actions} />
      <div class="actions">
        <Show when={live()}>
          <button type="button" class="button" onClick={() => setEditing(true)}>{t("offer.edit")}</button>
        </Show>
        <Show when={o().status === "agreed"}>
          <button type="button" class="button button--primary" disabled={actions.busy()} onClick={() => act(() => offersApi.done(o().id))}>{t("offer.markDone")}</button>
        </Show>
        <Show when={live() || o().status === "expired"}>
          <button type="button" class="button" disabled={actions.busy()} onClick={() => act(() => offersApi.renew(o().id))}>{t("offer.renew")}</button>
        </Show>
      </div>
      <Show when={live()}>
        <Show when={confirming()} fallback={
          <div class="actions actions--apart">
            <button type="button" class="button button--quiet-danger" ref={withdrawButton} onClick={askWithdraw}>{t("offer.withdraw")}</button>
          </div>
        }>
          <section class="card card--danger" aria-labelledby="withdraw-question">
            <h2 id="withdraw-question" tabIndex={-1} ref={(el) => queueMicrotask(() => el.focus())}>
              {t("offer.withdrawQuestion", { title: o().title })}
            </h2>
            <p>{t("offer.withdrawExplain")}</p>
            <div class="actions">
              <button type="button" class="button button--danger" disabled={actions.busy()}
                onClick={() => act(() => offersApi.withdraw(o().id)).then(() => setConfirming(false))}>{t("offer.withdrawYes")}</button>
              <button type="button" class="button" onClick={keep}>{t("offer.withdrawNo")}</button>
            </div>
          </section>
        </Show>
      </Show>
    </Show>
  );
}
