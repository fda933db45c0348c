// A collective action's sign-up: how many of each line for me, the totals,
// and for the organiser the button that closes it.
import { createSignal, For, Show } from "solid-js";
import { ErrorNotice, SuccessNotice } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { session } from "../session.ts";
import { eventsApi } from "./api.ts";
import type { EventItem, Signup } from "./types.ts";

export function SignupForm(props: { event: EventItem; signup: Signup; onSaved: (s: Signup) => void }) {
  const form = createForm("signup", []);
  const [done, setDone] = createSignal<string>();
  const [mine, setMine] = createSignal<Record<string, string>>(Object.fromEntries(props.signup.items.map((i) => [i.id, String(i.mine)])));
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    form.submit(async () => {
      const items = props.signup.items.map((i) => ({ itemId: i.id, quantity: Number(mine()[i.id] || 0) }));
      props.onSaved((await eventsApi.signUp(props.event.id, items)).signup);
      setDone(t("events.signupSaved"));
    });
  };
  const toggle = () => form.submit(async () => props.onSaved({ ...props.signup, ...(await eventsApi.closeSignup(props.event.id, !props.signup.closed)).signup }));

  return (
    <section class="card" aria-labelledby="signup-title">
      <h2 id="signup-title">{t("events.signup")}</h2>
      <Show when={form.general()}>{(m) => <ErrorNotice message={m()} />}</Show>
      <SuccessNotice message={done()} />
      <Show when={props.signup.closed}><p class="notice notice--warn">{t("events.signupClosed")}</p></Show>
      <form onSubmit={save} noValidate>
        <For each={props.signup.items}>
          {(item) => (
            <div class="field">
              <label for={`signup-${item.id}`}>{item.label} <span class="field__mark">{t("events.signupTotal", { total: item.total })}</span></label>
              <Show when={session() && !props.signup.closed}>
                <input id={`signup-${item.id}`} type="number" min="0" max="1000" inputmode="numeric" value={mine()[item.id]}
                  onInput={(e) => setMine({ ...mine(), [item.id]: e.currentTarget.value })} aria-label={`${item.label} — ${t("events.signupMine")}`} />
              </Show>
            </div>
          )}
        </For>
        <Show when={session() && !props.signup.closed}>
          <button type="submit" class="button button--primary" disabled={form.busy()}>{t("events.signupSave")}</button>
        </Show>
      </form>
      <Show when={props.event.canManage}>
        <button type="button" class="button" onClick={toggle}>{props.signup.closed ? t("events.signupReopen") : t("events.signupClose")}</button>
      </Show>
    </section>
  );
}
