import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { TextField } from "../components/Field.tsx";
import { FormAlert, SuccessNotice } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { mailApi } from "./api.ts";

/** `/login/forgot`: a link by email; the same answer whatever the account. */
export default function ForgotPassword() {
  const form = createForm("forgot", ["login"]);
  const [login, setLogin] = createSignal("");
  const [sent, setSent] = createSignal(false);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    form.submit(async () => {
      await mailApi.requestReset(login().trim());
      setSent(true);
    });
  };
  return (
    <div class="page page--narrow">
      <h1>{t("forgot.title")}</h1>
      <Show
        when={!sent()}
        fallback={<SuccessNotice message={t("forgot.sent")} />}
      >
        <form class="card" onSubmit={submit} noValidate>
          <p>{t("forgot.intro")}</p>
          <FormAlert form={form} />
          <TextField
            form={form} name="login" label={t("forgot.login")} value={login()} onValue={setLogin}
            required autocomplete="username" autocapitalize="none"
          />
          <button type="submit" class="button button--primary" disabled={form.busy()}>{t("forgot.submit")}</button>
        </form>
      </Show>
      <p>{t("forgot.noEmail")} <A href="/reset">{t("forgot.haveCode")}</A></p>
    </div>
  );
}
