import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { actingName } from "../components/ActingBanner.tsx";
import { CheckboxField, TextField } from "../components/Field.tsx";
import { FormAlert, SuccessNotice } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { actingFor, api, setActingFor } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { applySession, loadSession, session } from "../session.ts";

/** `/me/data`: take one's data away, or leave for good. */
export default function MyData() {
  const [deleted, setDeleted] = createSignal(false);
  return (
    <Show
      when={!deleted()}
      fallback={
        <div class="page page--narrow">
          <SuccessNotice message={t("data.deleted")} />
          <A href="/" class="button">{t("app.backHome")}</A>
        </div>
      }
    >
      <RequireLogin>
        <div class="page page--narrow">
          <h1>{actingFor() ? `${t("data.title")} — ${actingName()}` : t("data.title")}</h1>
          <ExportSection />
          <DeleteSection onDeleted={() => setDeleted(true)} />
        </div>
      </RequireLogin>
    </Show>
  );
}

function ExportSection() {
  const form = createForm("export", []);
  const download = () =>
    form.submit(async () => {
      const response = await api.exportMe();
      const named = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") ?? "")?.[1];
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = named ?? `maillage-${actingFor() ?? session()?.member.handle ?? "export"}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    });
  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">{t("data.exportTitle")}</h2>
      <p>{t("data.exportText")}</p>
      <FormAlert form={form} />
      <button type="button" class="button button--primary" disabled={form.busy()} onClick={download}>
        {t("data.exportButton")}
      </button>
    </section>
  );
}

function DeleteSection(props: { onDeleted: () => void }) {
  const form = createForm("delete", ["password", "confirm"]);
  const [password, setPassword] = createSignal("");
  const [confirmed, setConfirmed] = createSignal(false);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!password()) return form.fail("password", t("field.missing"));
    if (!confirmed()) return form.fail("confirm", t("data.deleteConfirm"));
    form.submit(async () => {
      await api.deleteMe(password());
      if (actingFor()) {
        // The sponsored account is gone; the sponsor stays logged in.
        setActingFor(null);
        await loadSession();
        props.onDeleted();
      } else {
        // The confirmation first: once logged out, the login page would take its place.
        props.onDeleted();
        applySession(null);
      }
    });
  };

  return (
    <form class="card card--danger" onSubmit={submit} noValidate aria-labelledby="delete-title">
      <h2 id="delete-title">{t("data.deleteTitle")}</h2>
      <p>{t("data.deleteText")}</p>
      <FormAlert form={form} />
      <TextField
        form={form} name="password" label={t("data.deletePassword")} type="password" required
        autocomplete="current-password" value={password()} onValue={setPassword}
      />
      <CheckboxField form={form} name="confirm" label={t("data.deleteConfirm")} checked={confirmed()} onChange={setConfirmed} />
      <button type="submit" class="button button--danger" disabled={form.busy()}>{t("data.deleteButton")}</button>
    </form>
  );
}
