import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal } from "solid-js";
import { TextField } from "../components/Field.tsx";
import { FormAlert } from "../components/Notice.tsx";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { applySession, homePathOf } from "../session.ts";

/** Only paths inside this site, so a crafted link cannot send people elsewhere. */
const safeNext = (next: unknown) => (typeof next === "string" && /^\/(?!\/)/.test(next) ? next : null);

export default function Login() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // No field names here: a failed login never says which part was wrong.
  const form = createForm("login", []);
  const [handle, setHandle] = createSignal("");
  const [password, setPassword] = createSignal("");

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    form.submit(async () => {
      const current = await api.login(handle().trim().replace(/^@/, "").toLowerCase(), password());
      applySession(current);
      navigate(safeNext(params.next) ?? homePathOf(current) ?? "/", { replace: true });
    });
  };

  return (
    <div class="page page--narrow">
      <h1>{t("login.title")}</h1>
      <form class="card" onSubmit={submit} noValidate>
        <FormAlert form={form} />
        <TextField
          form={form} name="handle" label={t("field.handle")} value={handle()} onValue={setHandle}
          required autocomplete="username" autocapitalize="none"
        />
        <TextField
          form={form} name="password" label={t("field.password")} type="password" value={password()}
          onValue={setPassword} required autocomplete="current-password"
        />
        <button type="submit" class="button button--primary" disabled={form.busy()}>{t("login.submit")}</button>
        <p><A href="/login/forgot">{t("login.forgot")}</A></p>
      </form>
      <p>{t("login.noAccount")}</p>
    </div>
  );
}
