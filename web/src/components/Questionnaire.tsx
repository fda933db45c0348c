// The profile questionnaire: for each theme, offer / need / not now, as a
// compact grid of three tiles a row (a phone shows several themes at once),
// with how many are answered kept in sight.
import { For, Show, type JSX } from "solid-js";
import { createStore } from "solid-js/store";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { lang, t, type MessageKey } from "../i18n/index.ts";
import type { Answer, Choice, Theme } from "../types.ts";
import { FormAlert } from "./Notice.tsx";

const choices: { value: Choice; label: MessageKey }[] = [
  { value: "offer", label: "questionnaire.offer" },
  { value: "need", label: "questionnaire.need" },
  { value: "not_now", label: "questionnaire.notNow" },
];

export const themeLabel = (theme: Theme) => (lang() === "en" ? theme.labelEn : theme.labelFr);

interface Props {
  themes: Theme[];
  initial: Answer[];
  submitLabel: string;
  onSaved: (answers: Answer[]) => void;
  /** Extra buttons next to the submit button (e.g. "skip"). */
  actions?: JSX.Element;
}

export function Questionnaire(props: Props) {
  const form = createForm("questionnaire", []);
  const [picked, setPicked] = createStore<Record<string, Choice>>(
    Object.fromEntries(props.initial.map((answer) => [answer.theme, answer.choice])),
  );

  const answered = () => props.themes.filter((theme) => picked[theme.slug]).length;

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    form.submit(async () => {
      // Every theme gets an answer: silence means "not now".
      const answers = props.themes.map((theme) => ({ theme: theme.slug, choice: picked[theme.slug] ?? "not_now" }));
      const saved = await api.saveQuestionnaire(answers);
      props.onSaved(saved.answers);
    });
  };

  return (
    <form class="questionnaire" onSubmit={save} noValidate>
      <p class="hint">{t("questionnaire.unanswered")}</p>
      <div class="questionnaire__progress">
        <label for="questionnaire-progress">{t("questionnaire.progress", { done: answered(), total: props.themes.length })}</label>
        <progress id="questionnaire-progress" max={props.themes.length} value={answered()} />
      </div>
      <For each={props.themes}>
        {(theme) => (
          <fieldset class="theme">
            <legend>{themeLabel(theme)}</legend>
            <div class="choices">
              <For each={choices}>
                {(choice) => (
                  <label class="choice" classList={{ "choice--picked": picked[theme.slug] === choice.value }}>
                    <input
                      type="radio"
                      name={`theme-${theme.slug}`}
                      value={choice.value}
                      checked={picked[theme.slug] === choice.value}
                      onChange={() => setPicked(theme.slug, choice.value)}
                    />
                    <span>{t(choice.label)}</span>
                  </label>
                )}
              </For>
            </div>
          </fieldset>
        )}
      </For>
      <FormAlert form={form} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={form.busy()}>
          {props.submitLabel}
        </button>
        <Show when={props.actions}>{props.actions}</Show>
      </div>
    </form>
  );
}
