// After an event, a tick per participant: who came. The impact figures count it.
import { createSignal, Show } from "solid-js";
import { problemOf } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { eventsApi } from "./api.ts";
import type { Participant } from "./types.ts";

export function AttendanceTick(props: { eventId: string; participant: Participant }) {
  const [came, setCame] = createSignal(props.participant.attended === true);
  const [problem, setProblem] = createSignal<string>();
  const change = async (value: boolean) => {
    setProblem(undefined);
    setCame(value);
    try {
      await eventsApi.tickAttendance(props.eventId, props.participant.id, value);
    } catch (error) {
      setCame(!value);
      setProblem(problemOf(error).message);
    }
  };
  return (
    <>
      <label class="attendance">
        <input type="checkbox" checked={came()} onChange={(e) => void change(e.currentTarget.checked)} />
        <span class="visually-hidden">{t("attendance.cameName", { name: props.participant.name })}</span>
        <span aria-hidden="true">{t("attendance.came")}</span>
      </label>
      <Show when={problem()}>{(message) => <p class="field__error" role="alert">{message()}</p>}</Show>
    </>
  );
}
