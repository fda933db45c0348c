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
import type { InvitationPreview, Session } from "../types.ts";

type Step = 1 | 2 | 3;

/**
 * `/invitation/:code`: principles, account, questionnaire, then the network's home;
 * a logged-in member accepts the principles and joins with their account instead.
 */
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
            // Logged in: join with one's account. Checked at step 1 only, since signing up logs in.
            <Show when={step() === 1 && session()} fallback={
              <>
                <p class="step">{t("signup.step", { n: step() })}</p>
                <Switch>
                  <Match when={step() === 1}>
                    <h1 id="step-title" tabIndex={-1}>{t("signup.invitationTitle")}</h1>
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
            }>
              {(current) => <JoinWithAccount code={params.code} invitation={preview()} session={current()} />}
            </Show>
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

/** A logged-in member joins the invitation's network with the account they already have. */
function JoinWithAccount(props: { code: string; invitation: InvitationPreview; session: Session }) {
  const navigate = useNavigate();
  const [joining, setJoining] = createSignal(false);
  const network = () => props.invitation.network;
  const alreadyMember = () =>
    !joining() && props.session.memberships.some((m) => m.network.slug === network().slug);

  // While joining, the new membership must not turn this page into "already a member".
  const join = async () => {
    setJoining(true);
    try {
      applySession(await api.acceptInvitation(props.code));
    } catch (error) {
      setJoining(false);
      throw error;
    }
    navigate(`/n/${network().slug}`, { replace: true });
  };

  return (
    <>
      <h1 id="step-title" tabIndex={-1}>{t("signup.invitationTitle")}</h1>
      <Show
        when={!alreadyMember()}
        fallback={
          <div class="notice notice--ok notice--block">
            <p>{t("join.alreadyMember", { network: network().name })}</p>
            <A href={`/n/${network().slug}`} class="button button--primary">{t("join.open", { network: network().name })}</A>
          </div>
        }
      >
        <p class="lead">{t("join.intro", { name: props.session.member.displayName })}</p>
        <InvitationIntro invitation={props.invitation} submitLabel={t("join.submit")} onAccept={join} />
      </Show>
      <section class="card card--quiet" aria-labelledby="other-person">
        <h2 id="other-person">{t("join.otherPersonTitle")}</h2>
        <p>{t("join.otherPerson")}</p>
        <button type="button" class="button" onClick={() => void logout()}>{t("join.logout")}</button>
      </section>
    </>
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
