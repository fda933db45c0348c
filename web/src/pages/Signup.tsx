import { A, useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { AccountFields, accountFields, accountRequest, createAccountDraft } from "../components/AccountFields.tsx";
import { InvitationIntro } from "../components/InvitationIntro.tsx";
import { ErrorNotice, FormAlert, Loaded, valueOf } from "../components/Notice.tsx";
import { Questionnaire } from "../components/Questionnaire.tsx";
import { api } from "../api.ts";
import { createForm, problemOf } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { applySession, logout, session } from "../session.ts";
import type { InvitationPreview } from "../types.ts";

type Step = 1 | 2 | 3;

/** `/invitation/:code`: principles, account, questionnaire, then the network's home. */
export default function Signup() {
  const params = useParams<{ code: string }>();
  const [invitation] = createResource(() => params.code, api.invitation);
  const [step, setStep] = createSignal<Step>(1);

  const goTo = (next: Step) => {
    setStep(next);
    // Start reading the new step from its title.
    setTimeout(() => document.getElementById("step-title")?.focus());
    window.scrollTo(0, 0);
  };

  return (
    <div class="page page--narrow">
      <Switch fallback={<p role="status">{t("signup.loadingInvitation")}</p>}>
        <Match when={invitation.state === "errored"}>
          <InvalidInvitation error={invitation.error} />
        </Match>
        <Match when={valueOf(invitation)}>
          {(preview) => (
            <>
              <p class="step">{t("signup.step", { n: step() })}</p>
              <Switch>
                <Match when={step() === 1}>
                  <h1 id="step-title" tabIndex={-1}>{t("signup.invitationTitle")}</h1>
                  <AlreadyLoggedIn />
                  <InvitationIntro invitation={preview()} onAccept={() => goTo(2)} />
                </Match>
                <Match when={step() === 2}>
                  <h1 id="step-title" tabIndex={-1}>{t("signup.accountTitle")}</h1>
                  <AccountStep code={params.code} onBack={() => goTo(1)} onDone={() => goTo(3)} />
                </Match>
                <Match when={step() === 3}>
                  <h1 id="step-title" tabIndex={-1}>{t("signup.questionnaireTitle")}</h1>
                  <QuestionnaireStep invitation={preview()} />
                </Match>
              </Switch>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}

function InvalidInvitation(props: { error: unknown }) {
  return (
    <>
      <h1>{t("signup.invalidTitle")}</h1>
      <ErrorNotice message={problemOf(props.error).message} />
      <p>{t("signup.invalidHelp")}</p>
      <A href="/" class="button">{t("signup.tryAnother")}</A>
    </>
  );
}

function AlreadyLoggedIn() {
  return (
    <Show when={session()}>
      {(current) => (
        <div class="notice">
          <p>{t("signup.alreadyLoggedIn", { name: current().member.displayName })}</p>
          <button type="button" class="button" onClick={() => void logout()}>{t("nav.logout")}</button>
        </div>
      )}
    </Show>
  );
}

function AccountStep(props: { code: string; onBack: () => void; onDone: () => void }) {
  const form = createForm("signup", [...accountFields]);
  const draft = createAccountDraft();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const request = accountRequest(form, draft);
    if (!request) return;
    form.submit(async () => {
      applySession(await api.signup({ ...request, code: props.code, acceptPrinciples: true }));
      props.onDone();
    });
  };

  return (
    <form class="card" onSubmit={submit} noValidate>
      <FormAlert form={form} />
      <AccountFields form={form} draft={draft} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={form.busy()}>{t("signup.createAccount")}</button>
        <button type="button" class="button" onClick={props.onBack}>{t("app.back")}</button>
      </div>
    </form>
  );
}

function QuestionnaireStep(props: { invitation: InvitationPreview }) {
  const navigate = useNavigate();
  const slug = props.invitation.network.slug;
  const [themes] = createResource(() => slug, (s) => api.themes(s));
  const finish = () => navigate(`/n/${slug}`, { replace: true });

  return (
    <>
      <p class="lead">{t("signup.questionnaireIntro")}</p>
      <Loaded data={themes}>
        {({ themes }) => (
          <Questionnaire
            themes={themes}
            initial={[]}
            submitLabel={t("signup.finish")}
            onSaved={finish}
            actions={<button type="button" class="button" onClick={finish}>{t("signup.skip")}</button>}
          />
        )}
      </Loaded>
    </>
  );
}
