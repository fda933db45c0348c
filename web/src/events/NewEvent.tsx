import "./events.css";
import { useNavigate, useParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { RadioField, SelectField, TextAreaField, TextField } from "../components/Field.tsx";
import { createPendingWork, MediaPicker } from "../components/MediaPicker.tsx";
import { FormAlert } from "../components/Notice.tsx";
import type { MediaView } from "../types.ts";
import { visibilities, visibilityName } from "../components/VisibilityBadge.tsx";
import { createForm } from "../forms.ts";
import { t, type MessageKey } from "../i18n/index.ts";
import { eventsApi } from "./api.ts";
import { kindName } from "./EventCard.tsx";
import type { EventKind, Visibility } from "./types.ts";

const kinds: EventKind[] = ["cafe", "fete", "atelier", "formation", "action", "reunion"];
const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** The RRULE the form stands for: weekly, or the Nth weekday of the month (the last one counts as -1). */
export function ruleOf(startsAt: string, repeat: string, ends: string, count: string, until: string): string | undefined {
  if (repeat === "none" || !startsAt) return undefined;
  const date = new Date(`${startsAt.slice(0, 10)}T12:00:00Z`);
  const day = weekdays[(date.getUTCDay() + 6) % 7];
  const nth = Math.ceil(date.getUTCDate() / 7);
  const base = repeat === "weekly" ? `FREQ=WEEKLY;BYDAY=${day}` : `FREQ=MONTHLY;BYDAY=${nth > 4 ? -1 : nth}${day}`;
  if (ends === "count") return `${base};COUNT=${count}`;
  if (ends === "until") return `${base};UNTIL=${until.replaceAll("-", "")}`;
  return base;
}

/** `/n/:slug/agenda/new`: an animator proposes an event, once or repeating. */
export default function NewEvent() {
  const params = useParams<{ slug: string }>();
  const navigate = useNavigate();
  const form = createForm("event", ["kind", "title", "body", "startsAt", "endsAt", "place.name", "street", "capacity", "visibility", "rrule", "endless", "signupItems"]);
  const [kind, setKind] = createSignal<string>("cafe");
  const [title, setTitle] = createSignal("");
  const [body, setBody] = createSignal("");
  const [startsAt, setStartsAt] = createSignal("");
  const [endsAt, setEndsAt] = createSignal("");
  const [place, setPlace] = createSignal("");
  const [street, setStreet] = createSignal("");
  const [postalCode, setPostalCode] = createSignal("");
  const [locality, setLocality] = createSignal("");
  const [capacity, setCapacity] = createSignal("");
  const [visibility, setVisibility] = createSignal<Visibility>("network");
  const [repeat, setRepeat] = createSignal("none");
  const [ends, setEnds] = createSignal("count");
  const [count, setCount] = createSignal("6");
  const [until, setUntil] = createSignal("");
  const [items, setItems] = createSignal("");
  const [photos, setPhotos] = createSignal<MediaView[]>([]);
  const pending = createPendingWork();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    form.submit(async () => {
      await pending.idle();
      const rrule = ruleOf(startsAt(), repeat(), ends(), count(), until());
      const { events } = await eventsApi.create(params.slug, {
        kind: kind() as EventKind,
        title: title(),
        body: body(),
        startsAt: startsAt(),
        endsAt: endsAt(),
        place: { name: place(), street: street(), postalCode: postalCode(), locality: locality() },
        capacity: capacity() ? Number(capacity()) : null,
        visibility: visibility(),
        ...(rrule ? { rrule, endless: ends() === "never" } : {}),
        signupItems: items().split("\n").map((l) => l.trim()).filter(Boolean),
        ...(photos().length ? { photo: photos()[0].id } : {}),
      });
      navigate(`/n/${params.slug}/e/${events[0].id}`);
    });
  };

  return (
    <div class="page page--narrow">
      <BackLink href={`/n/${params.slug}/agenda`} label={t("events.agenda")} />
      <h1>{t("form.title")}</h1>
      <form class="card" onSubmit={submit} noValidate>
        <FormAlert form={form} />
        <SelectField form={form} name="kind" label={t("form.kind")} required noMark value={kind()} onValue={setKind}
          options={kinds.map((k) => ({ value: k, label: kindName(k) }))} />
        <TextField form={form} name="title" label={t("form.titleField")} required value={title()} onValue={setTitle} maxLength={200} />
        <TextAreaField form={form} name="body" label={t("form.body")} value={body()} onValue={setBody} />
        <TextField form={form} name="startsAt" type="datetime-local" label={t("form.start")} hint={t("form.timeHint")} required value={startsAt()}
          onValue={(v) => { setStartsAt(v); if (!endsAt() && v) setEndsAt(`${v.slice(0, 11)}${String(Math.min(23, Number(v.slice(11, 13)) + 2)).padStart(2, "0")}${v.slice(13)}`); }} />
        <TextField form={form} name="endsAt" type="datetime-local" label={t("form.end")} required value={endsAt()} onValue={setEndsAt} />
        <TextField form={form} name="place.name" label={t("form.place")} hint={t("form.placeHint")} required value={place()} onValue={setPlace} />
        <TextField form={form} name="street" label={t("form.street")} value={street()} onValue={setStreet} autocomplete="street-address" />
        <TextField form={form} name="postalCode" label={t("form.postalCode")} value={postalCode()} onValue={setPostalCode} inputMode="numeric" />
        <TextField form={form} name="locality" label={t("form.locality")} value={locality()} onValue={setLocality} />
        <TextField form={form} name="capacity" type="number" label={t("form.capacity")} hint={t("form.capacityHint")} value={capacity()} onValue={setCapacity} min={1} inputMode="numeric" />
        <RadioField form={form} name="visibility" legend={t("form.visibility")} value={visibility()} onValue={(v) => setVisibility(v as Visibility)}
          options={visibilities.map((v) => ({ value: v, label: visibilityName(v), detail: t(`visibility.${v}Choice` as MessageKey) }))} />
        <RadioField form={form} name="rrule" legend={t("form.repeat")} value={repeat()} onValue={setRepeat}
          options={["none", "weekly", "monthly"].map((r) => ({ value: r, label: t(`form.repeat.${r}` as MessageKey) }))} />
        <Show when={repeat() !== "none"}>
          <RadioField form={form} name="endless" legend={t("form.ends")} value={ends()} onValue={setEnds}
            options={["count", "until", "never"].map((e) => ({ value: e, label: t(`form.ends.${e}` as MessageKey) }))} />
          <Show when={ends() === "count"}>
            <TextField form={form} name="count" type="number" label={t("form.count")} value={count()} onValue={setCount} min={1} max={100} inputMode="numeric" />
          </Show>
          <Show when={ends() === "until"}>
            <TextField form={form} name="until" type="date" label={t("form.until")} value={until()} onValue={setUntil} />
          </Show>
        </Show>
        <TextAreaField form={form} name="signupItems" label={t("form.signupItems")} hint={t("form.signupHint")} value={items()} onValue={setItems} rows={3} />
        <MediaPicker slug={params.slug} purpose="photo" max={1} files={photos()} onChange={setPhotos} id="event-photo" pending={pending} />
        <button type="submit" class="button button--primary" disabled={form.busy()}>{t("form.submit")}</button>
      </form>
    </div>
  );
}
