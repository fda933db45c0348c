// This month, this year, last year, or two dates: the dashboard's period.
import { createSignal, Show } from "solid-js";
import { RadioField, TextField } from "../components/Field.tsx";
import { FormAlert } from "../components/Notice.tsx";
import type { Form } from "../forms.ts";
import { t, type MessageKey } from "../i18n/index.ts";
import { choiceOf, periodOf, type PeriodChoice } from "./period.ts";

export function PeriodPicker(props: { form: Form; from: string; to: string; onPick: (from: string, to: string) => void }) {
  const [choice, setChoice] = createSignal<PeriodChoice>(choiceOf(props.from, props.to));
  const [from, setFrom] = createSignal(props.from);
  const [to, setTo] = createSignal(props.to);
  const pick = (value: string) => {
    setChoice(value as PeriodChoice);
    if (value !== "custom") {
      const p = periodOf(value as Exclude<PeriodChoice, "custom">);
      setFrom(p.from);
      setTo(p.to);
      props.onPick(p.from, p.to);
    }
  };
  return (
    <form
      class="card period-picker no-print"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onPick(from(), to());
      }}
    >
      <FormAlert form={props.form} />
      <RadioField form={props.form} name="period" legend={t("impact.period")} value={choice()} onValue={pick}
        options={(["thisMonth", "thisYear", "lastYear", "custom"] as const).map((c) => ({ value: c, label: t(`impact.period.${c}` as MessageKey) }))} />
      <Show when={choice() === "custom"}>
        <div class="field-row">
          <TextField form={props.form} name="from" type="date" label={t("impact.from")} required value={from()} onValue={setFrom} />
          <TextField form={props.form} name="to" type="date" label={t("impact.to")} required value={to()} onValue={setTo} />
        </div>
        <button type="submit" class="button button--primary">{t("impact.show")}</button>
      </Show>
    </form>
  );
}
