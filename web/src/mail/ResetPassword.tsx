import { useNavigate, useParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { TextField } from "../components/Field.tsx";
import { FormAlert } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { applySession, homePathOf } from "../session.ts";
import { mailApi } from "./api.ts";

/** `/reset/:token` from the email's link, or `/reset` to type a printed code. */
export default function ResetPassword() {
  const params = useParams();
  const navigate = useNavigate();
  const form = createForm("reset", ["token", "password", "confirm"]);
  const [code, setCode] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [confirm, setConfirm] = createSignal("");
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (password() !== confirm()) return form.fail("confirm", t("reset.mismatch"));
    form.submit(async () => {
      const current = await mailApi.reset(params.token ?? code().trim(), password());
      applySession(current);
      navigate(homePathOf(current) ?? "/", { replace: true });
    });
  };
  return (
    <div class="page page--narrow">
      <h1>{t("reset.title")}</h1>
      <form class="card" onSubmit={submit} noValidate>
        <p>{t("reset.intro")}</p>
        <FormAlert form={form} />
        <Show when={!params.token}>
          <TextField
            form={form} name="token" label={t("reset.code")} hint={t("reset.codeHint")} value={code()} onValue={setCode}
            required autocomplete="one-time-code" autocapitalize="characters"
          />
        </Show>
        <TextField
          form={form} name="password" label={t("reset.password")} type="password" value={password()} onValue={setPassword}
          required autocomplete="new-password"
        />
        <TextField
          form={form} name="confirm" label={t("reset.confirm")} type="password" value={confirm()} onValue={setConfirm}
          required autocomplete="new-password"
        />
        <button type="submit" class="button button--primary" disabled={form.busy()}>{t("reset.submit")}</button>
      </form>
    </div>
  );
}
