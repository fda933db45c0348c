import { A, useParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { FormAlert, SuccessNotice } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { mailApi } from "./api.ts";

/** `/unsubscribe/:token`, the link at the foot of every email (the headers' one-click link does it without a page). */
export default function Unsubscribe() {
  const params = useParams();
  const form = createForm("unsubscribe", ["token"]);
  const [done, setDone] = createSignal(false);
  const go = () => form.submit(async () => {
    await mailApi.unsubscribe(params.token!);
    setDone(true);
  });
  return (
    <div class="page page--narrow">
      <h1>{t("unsubscribe.title")}</h1>
      <Show when={!done()} fallback={<><SuccessNotice message={t("unsubscribe.done")} /><A href="/me/email">{t("emailPrefs.link")}</A></>}>
        <div class="card">
          <p>{t("unsubscribe.intro")}</p>
          <FormAlert form={form} />
          <button type="button" class="button button--primary" disabled={form.busy()} onClick={go}>{t("unsubscribe.submit")}</button>
        </div>
      </Show>
    </div>
  );
}
