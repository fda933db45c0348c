// Handle, name, password (twice) and optional email: for the setup and signup forms.
import { Show } from "solid-js";
import { createStore } from "solid-js/store";
import type { Form } from "../forms.ts";
import { lang, t } from "../i18n/index.ts";
import type { AccountRequest } from "../types.ts";
import { CheckboxField, TextField } from "./Field.tsx";

export const accountFields = ["handle", "displayName", "password", "confirm", "email"] as const;

export function createAccountDraft() {
  return createStore({ handle: "", displayName: "", password: "", confirm: "", email: "", reveal: false });
}
type Draft = ReturnType<typeof createAccountDraft>;

/** Checks what the browser can check; returns the request, or undefined after showing the problem. */
export function accountRequest(form: Form, [draft]: Draft): AccountRequest | undefined {
  for (const name of ["handle", "displayName", "password"] as const) {
    if (!draft[name].trim()) return void form.fail(name, t("field.missing"));
  }
  if (!draft.reveal && draft.password !== draft.confirm) return void form.fail("confirm", t("field.passwordMismatch"));
  const email = draft.email.trim();
  return {
    handle: draft.handle.trim().replace(/^@/, "").toLowerCase(),
    displayName: draft.displayName.trim(),
    password: draft.password,
    ...(email ? { email } : {}),
    locale: lang(),
  };
}

export function AccountFields(props: { form: Form; draft: Draft }) {
  const [draft, setDraft] = props.draft;
  return (
    <>
      <TextField
        form={props.form} name="handle" label={t("field.handle")} hint={t("field.handleHint")}
        value={draft.handle} onValue={(v) => setDraft("handle", v)}
        required autocomplete="username" autocapitalize="none" maxLength={30}
      />
      <TextField
        form={props.form} name="displayName" label={t("field.displayName")} hint={t("field.displayNameHint")}
        value={draft.displayName} onValue={(v) => setDraft("displayName", v)}
        required autocomplete="name" maxLength={80}
      />
      <TextField
        form={props.form} name="password" label={t("field.password")} hint={t("field.passwordHint")}
        type={draft.reveal ? "text" : "password"}
        value={draft.password} onValue={(v) => setDraft("password", v)}
        required autocomplete="new-password"
      />
      {/* Once the password is shown, typing it twice is pointless. */}
      <Show when={!draft.reveal}>
        <TextField
          form={props.form} name="confirm" label={t("field.passwordConfirm")} type="password"
          value={draft.confirm} onValue={(v) => setDraft("confirm", v)}
          required autocomplete="new-password"
        />
      </Show>
      <CheckboxField
        form={props.form} name="reveal" label={t("field.showPassword")}
        checked={draft.reveal} onChange={(v) => setDraft("reveal", v)}
      />
      <TextField
        form={props.form} name="email" label={t("field.email")} hint={t("field.emailHint")} type="email"
        value={draft.email} onValue={(v) => setDraft("email", v)}
        autocomplete="email" inputMode="email"
      />
    </>
  );
}
