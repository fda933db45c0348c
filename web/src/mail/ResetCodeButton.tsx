import { createSignal, Show } from "solid-js";
import { FormAlert } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { formatDateTime, t } from "../i18n/index.ts";
import { mailApi, type ResetCode } from "./api.ts";
import "./mail.css";

/** For animators and sponsors: a one-time code to hand over, printed, at the café. */
export function ResetCodeButton(props: { slug: string; handle: string; displayName: string }) {
  const form = createForm(`reset-code-${props.handle}`, []);
  const [code, setCode] = createSignal<ResetCode>();
  const make = () => form.submit(async () => {
    setCode(await mailApi.resetCode(props.slug, props.handle));
  });
  const print = () => {
    document.body.classList.add("printing-reset-code");
    window.print();
    document.body.classList.remove("printing-reset-code");
  };
  return (
    <div>
      <FormAlert form={form} />
      <Show
        when={code()}
        fallback={<button type="button" class="button button--small" disabled={form.busy()} onClick={make} aria-label={`${t("resetCode.button")} — ${props.displayName}`}>{t("resetCode.button")}</button>}
      >
        {(c) => (
          <div class="reset-code-card" role="group" aria-label={t("resetCode.title")}>
            <p><strong>{t("resetCode.title")}</strong></p>
            <p>{t("resetCode.for", { name: c().displayName, handle: c().handle })}</p>
            <p class="reset-code-card__code" data-testid="reset-code">{c().code}</p>
            <p>{t("resetCode.how", { site: location.host })}</p>
            <p>{t("resetCode.until", { date: formatDateTime(c().expiresAt) })}</p>
            <button type="button" class="button button--small no-print" onClick={print}>{t("resetCode.print")}</button>
          </div>
        )}
      </Show>
    </div>
  );
}
