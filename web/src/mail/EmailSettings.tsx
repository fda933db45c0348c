import { createResource, createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { actingName } from "../components/ActingBanner.tsx";
import { CheckboxField, SelectField, TextField } from "../components/Field.tsx";
import { FormAlert, Loaded, SuccessNotice } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { actingFor } from "../api.ts";
import { createForm } from "../forms.ts";
import { t, type MessageKey } from "../i18n/index.ts";
import { mailApi, mailCategories, mailModes, type EmailState, type MailPreferences } from "./api.ts";

/** `/me/email`: my address (confirmed by a link) and, kind by kind, which emails I receive. */
export default function EmailSettings() {
  return (
    <RequireLogin>
      <EmailSettingsPage />
    </RequireLogin>
  );
}

function EmailSettingsPage() {
  const [state, { refetch }] = createResource(() => actingFor() ?? "", () => mailApi.emailState());
  return (
    <div class="page page--narrow">
      <h1>{actingFor() ? t("emailPrefs.titleFor", { name: actingName() ?? "" }) : t("emailPrefs.title")}</h1>
      <Loaded data={state}>
        {(current) => (
          <>
            <AddressSection state={current} onChange={() => void refetch()} />
            <PreferencesSection preferences={current.preferences} />
          </>
        )}
      </Loaded>
    </div>
  );
}

function AddressSection(props: { state: EmailState; onChange: () => void }) {
  const form = createForm("email", ["email"]);
  const [email, setEmail] = createSignal(props.state.pendingEmail ?? props.state.email ?? "");
  const [notice, setNotice] = createSignal<string>();
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    form.submit(async () => {
      const value = email().trim();
      await mailApi.setEmail(value || null);
      setNotice(value ? t("emailPrefs.sent") : t("emailPrefs.removed"));
      props.onChange();
    });
  };
  const remove = () => form.submit(async () => {
    await mailApi.setEmail(null);
    setEmail("");
    setNotice(t("emailPrefs.removed"));
    props.onChange();
  });
  return (
    <form class="card" onSubmit={save} noValidate aria-labelledby="email-address-title">
      <h2 id="email-address-title">{t("emailPrefs.address")}</h2>
      <p>{props.state.email ? t("emailPrefs.current", { email: props.state.email }) : t("emailPrefs.none")}</p>
      <Show when={props.state.pendingEmail}>
        <p class="notice">{t("emailPrefs.pending", { email: props.state.pendingEmail! })}</p>
      </Show>
      <FormAlert form={form} />
      <SuccessNotice message={notice()} />
      <TextField
        form={form} name="email" label={t("emailPrefs.address")} hint={t("emailPrefs.addressHint")} type="email" inputMode="email"
        autocomplete="email" value={email()} onValue={setEmail}
      />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={form.busy()}>{t("emailPrefs.save")}</button>
        <Show when={props.state.email || props.state.pendingEmail}>
          <button type="button" class="button" disabled={form.busy()} onClick={remove}>{t("emailPrefs.remove")}</button>
        </Show>
      </div>
    </form>
  );
}

function PreferencesSection(props: { preferences: MailPreferences }) {
  const form = createForm("mail-prefs", [...mailCategories, "viaSponsor"]);
  const [draft, setDraft] = createStore<MailPreferences>({ ...props.preferences });
  const [saved, setSaved] = createSignal(false);
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(false);
    form.submit(async () => {
      const { preferences } = await mailApi.setPreferences({ ...draft });
      setDraft(preferences);
      setSaved(true);
    });
  };
  return (
    <form class="card" onSubmit={save} noValidate aria-labelledby="email-kinds-title">
      <h2 id="email-kinds-title">{t("emailPrefs.kinds")}</h2>
      <p>{t("emailPrefs.kindsHint")}</p>
      <FormAlert form={form} />
      <Show when={saved()}><SuccessNotice message={t("emailPrefs.saved")} /></Show>
      <For each={mailCategories}>
        {(category) => (
          <SelectField
            form={form} name={category} label={t(`emailPrefs.kind.${category}` as MessageKey)} value={draft[category]} required
            onValue={(v) => setDraft(category, v as MailPreferences[typeof category])}
            options={(category === "newsletter" ? (["immediate", "none"] as const) : mailModes).map((mode) => ({ value: mode, label: t(`emailPrefs.mode.${mode}` as MessageKey) }))}
          />
        )}
      </For>
      <Show when={actingFor()}>
        <CheckboxField
          form={form} name="viaSponsor" label={t("emailPrefs.viaSponsor")} hint={t("emailPrefs.viaSponsorHint")}
          checked={draft.viaSponsor} onChange={(v) => setDraft("viaSponsor", v)}
        />
      </Show>
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("emailPrefs.savePrefs")}</button>
    </form>
  );
}
