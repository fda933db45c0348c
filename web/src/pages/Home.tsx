import { A, useNavigate } from "@solidjs/router";
import { createEffect, createSignal, Show } from "solid-js";
import { TextField } from "../components/Field.tsx";
import { Loading } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { homePathOf, instance, session, startupError } from "../session.ts";

/** `/`: first visit → setup; logged in → own network; otherwise a welcome. */
export function Home() {
  const navigate = useNavigate();
  const ready = () => instance() !== undefined || startupError() !== undefined;
  const target = () => {
    if (instance()?.needsSetup) return "/setup";
    const current = session();
    return current ? homePathOf(current) : null;
  };
  createEffect(() => {
    const path = ready() ? target() : null;
    if (path) navigate(path, { replace: true });
  });

  return (
    <Show when={ready() && !target()} fallback={<Loading />}>
      <Welcome />
    </Show>
  );
}

function Welcome() {
  const navigate = useNavigate();
  const form = createForm("welcome", ["code"]);
  const [code, setCode] = createSignal("");

  const useCode = (event: SubmitEvent) => {
    event.preventDefault();
    const typed = code().trim();
    if (!typed) return form.fail("code", t("welcome.codeEmpty"));
    navigate(`/invitation/${encodeURIComponent(typed)}`);
  };

  return (
    <div class="page page--narrow">
      <h1>{t("welcome.title")}</h1>
      <Show when={session()}>
        <p class="notice">{t("welcome.noNetwork")}</p>
      </Show>
      <p class="lead">{t("welcome.text")}</p>
      <p>{t("welcome.inPerson")}</p>
      <section class="card" aria-labelledby="have-code">
        <h2 id="have-code">{t("welcome.haveCode")}</h2>
        <form onSubmit={useCode} noValidate>
          <TextField
            form={form}
            name="code"
            label={t("welcome.codeLabel")}
            hint={t("welcome.codeHint")}
            value={code()}
            onValue={setCode}
            required
            autocomplete="off"
            autocapitalize="characters"
          />
          <button type="submit" class="button button--primary">{t("welcome.codeGo")}</button>
        </form>
      </section>
      <Show when={!session()}>
        <section class="card" aria-labelledby="have-account">
          <h2 id="have-account">{t("welcome.haveAccount")}</h2>
          <A href="/login" class="button">{t("nav.login")}</A>
        </section>
      </Show>
    </div>
  );
}

export default Home;
