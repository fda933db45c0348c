import { Navigate, useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { AccountFields, accountFields, accountRequest, createAccountDraft } from "../components/AccountFields.tsx";
import { FormAlert } from "../components/Notice.tsx";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { applySession, instance, markSetUp } from "../session.ts";

/** First visit: the instance's administrator creates their account. */
export default function Setup() {
  const navigate = useNavigate();
  const form = createForm("setup", accountFields);
  const draft = createAccountDraft();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const request = accountRequest(form, draft);
    if (!request) return;
    form.submit(async () => {
      applySession(await api.setup(request));
      markSetUp();
      navigate("/admin/networks", { replace: true });
    });
  };

  return (
    <Show when={instance()?.needsSetup !== false} fallback={<Navigate href="/" />}>
      <div class="page page--narrow">
        <h1>{t("setup.title")}</h1>
        <p class="lead">{t("setup.intro")}</p>
        <form class="card" onSubmit={submit} noValidate>
          <FormAlert form={form} />
          <AccountFields form={form} draft={draft} />
          <button type="submit" class="button button--primary" disabled={form.busy()}>{t("setup.submit")}</button>
        </form>
      </div>
    </Show>
  );
}
