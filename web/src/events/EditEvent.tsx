// The organiser changes an event: this occurrence only, or this one and the
// later ones of its series. Participants are told of a new time or place.
import { createSignal, Show } from "solid-js";
import { RadioField, TextField } from "../components/Field.tsx";
import { FormAlert } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { eventsApi } from "./api.ts";
import type { EventItem } from "./types.ts";

/** "2027-02-06T10:00" in Paris, for a datetime-local field. */
const parisLocal = (iso: string) => new Date(iso).toLocaleString("sv-SE", { timeZone: "Europe/Paris" }).slice(0, 16).replace(" ", "T");

export function EditEvent(props: { event: EventItem; onSaved: (e: EventItem) => void }) {
  const form = createForm("edit", ["title", "startsAt", "endsAt", "place.name", "capacity", "scope"]);
  const [title, setTitle] = createSignal(props.event.title);
  const [startsAt, setStartsAt] = createSignal(parisLocal(props.event.startsAt));
  const [endsAt, setEndsAt] = createSignal(parisLocal(props.event.endsAt));
  const [place, setPlace] = createSignal(props.event.place.name);
  const [capacity, setCapacity] = createSignal(props.event.capacity === null ? "" : String(props.event.capacity));
  const [scope, setScope] = createSignal("occurrence");
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    form.submit(async () => {
      const { event } = await eventsApi.edit(props.event.id, {
        title: title(),
        startsAt: startsAt(),
        endsAt: endsAt(),
        ...(place() !== props.event.place.name ? { place: { name: place() } } : {}),
        capacity: capacity() ? Number(capacity()) : null,
        scope: scope() as "occurrence" | "series",
      });
      props.onSaved(event);
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="edit-event-heading">
      <h3 id="edit-event-heading">{t("events.edit")}</h3>
      <FormAlert form={form} />
      <TextField form={form} name="title" label={t("form.titleField")} required value={title()} onValue={setTitle} />
      <TextField form={form} name="startsAt" type="datetime-local" label={t("form.start")} hint={t("form.timeHint")} required value={startsAt()} onValue={setStartsAt} />
      <TextField form={form} name="endsAt" type="datetime-local" label={t("form.end")} required value={endsAt()} onValue={setEndsAt} />
      <TextField form={form} name="place.name" label={t("form.place")} required value={place()} onValue={setPlace} />
      <TextField form={form} name="capacity" type="number" label={t("form.capacity")} hint={t("form.capacityHint")} value={capacity()} onValue={setCapacity} min={1} inputMode="numeric" />
      <Show when={props.event.series}>
        <RadioField form={form} name="scope" legend={t("events.editScope")} value={scope()} onValue={setScope}
          options={[{ value: "occurrence", label: t("events.editOne") }, { value: "series", label: t("events.editSeries") }]} />
      </Show>
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("events.editSave")}</button>
    </form>
  );
}
