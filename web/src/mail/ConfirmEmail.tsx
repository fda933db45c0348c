import { A, useParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { FormAlert, SuccessNotice } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { mailApi } from "./api.ts";

/**
 * `/email/confirm/:token`, from the confirmation email. A button, not an
 * automatic call: mail scanners that open links must not confirm anything.
 */
export default function ConfirmEmail() {
  const params = useParams();
  const form = createForm("confirm", ["token"]);
  const [done, setDone] = createSignal<string>();
  const confirm = () => form.submit(async () => {
    setDone((await mailApi.confirmEmail(params.token!)).email);
  });
  return (
    <div class="page page--narrow">
      <h1>{t("confirm.title")}</h1>
      <Show when={!done()} fallback={<><SuccessNotice message={t("confirm.done", { email: done()! })} /><A href="/" class="button">{t("app.backHome")}</A></>}>
        <div class="card">
          <p>{t("confirm.intro")}</p>
          <FormAlert form={form} />
          <button type="button" class="button button--primary" disabled={form.busy()} onClick={confirm}>{t("confirm.submit")}</button>
        </div>
      </Show>
    </div>
  );
}
