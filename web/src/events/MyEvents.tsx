import "./events.css";
import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { TextField } from "../components/Field.tsx";
import { FormAlert, Loaded } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t, type MessageKey } from "../i18n/index.ts";
import { eventsApi, when } from "./api.ts";
import { EventCard } from "./EventCard.tsx";
import type { RemoteEvent } from "./types.ts";
import { webHref } from "../web-href.ts";

/** `/me/events`: my coming events, here and elsewhere, their news, and my calendar link. */
export default function MyEvents() {
  return (
    <RequireLogin>
      <Mine />
    </RequireLogin>
  );
}

function Mine() {
  const [data, { refetch }] = createResource(eventsApi.mine);
  return (
    <div class="page">
      <h1>{t("me.events")}</h1>
      <Loaded data={data}>
        {({ events, remote }) => (
          <>
            <Show when={events.length > 0} fallback={<p>{t("me.eventsNone")}</p>}>
              <ul class="event-list"><For each={events}>{(e) => <EventCard event={e} showNetwork />}</For></ul>
            </Show>
            <Show when={remote.length > 0}>
              <h2>{t("me.elsewhere")}</h2>
              <ul class="event-list"><For each={remote}>{(e) => <RemoteCard event={e} onLeft={refetch} />}</For></ul>
            </Show>
          </>
        )}
      </Loaded>
      <JoinRemote onJoined={refetch} />
      <CalendarLink />
    </div>
  );
}

function RemoteCard(props: { event: RemoteEvent; onLeft: () => void }) {
  const leave = async () => {
    await eventsApi.leaveRemote(props.event.id);
    props.onLeft();
  };
  return (
    <li class="card event-card">
      <p class="event-card__when">{when(props.event.startsAt, props.event.endsAt)}</p>
      <h3><a href={webHref(props.event.url, props.event.id)} rel="noopener">{props.event.name}</a></h3>
      <p class="event-card__facts">
        <span>{props.event.place}</span>
        <Show when={props.event.myState}>{(s) => <strong>{t(`me.state.${s()}` as MessageKey)}</strong>}</Show>
      </p>
      <button type="button" class="button button--small" onClick={leave}>{t("me.leave")}</button>
    </li>
  );
}

function JoinRemote(props: { onJoined: () => void }) {
  const form = createForm("join", ["url"]);
  const [url, setUrl] = createSignal("");
  const [found, setFound] = createSignal<RemoteEvent>();
  const find = (event: SubmitEvent) => {
    event.preventDefault();
    form.submit(async () => {
      setFound((await eventsApi.lookupRemote(url())).event);
    });
  };
  const join = () => form.submit(async () => {
    await eventsApi.joinRemote(found()!.id);
    setFound(undefined);
    setUrl("");
    props.onJoined();
  });
  return (
    <section class="card" aria-labelledby="join-title">
      <h2 id="join-title">{t("me.join")}</h2>
      <form onSubmit={find} noValidate>
        <FormAlert form={form} />
        <TextField form={form} name="url" type="url" label={t("me.joinUrl")} value={url()} onValue={setUrl} />
        <button type="submit" class="button" disabled={form.busy()}>{t("me.joinFind")}</button>
      </form>
      <Show when={found()}>
        {(e) => (
          <div class="card">
            <p class="event-card__when">{when(e().startsAt, e().endsAt)}</p>
            <h3>{e().name}</h3>
            <p>{e().place}</p>
            <button type="button" class="button button--primary" onClick={join}>{t("me.joinGo")}</button>
          </div>
        )}
      </Show>
    </section>
  );
}

function CalendarLink() {
  const [url, setUrl] = createSignal<string>();
  return (
    <section class="card" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t("me.calendar")}</h2>
      <p>{t("me.calendarHint")}</p>
      <Show when={url()} fallback={<button type="button" class="button" onClick={async () => setUrl((await eventsApi.calendar()).url)}>{t("me.calendarShow")}</button>}>
        {(u) => (
          <>
            <p><a href={u()} class="calendar-url" rel="external">{u()}</a></p>
            <button type="button" class="button button--small" onClick={async () => setUrl((await eventsApi.renewCalendar()).url)}>{t("me.calendarRenew")}</button>
          </>
        )}
      </Show>
      <p><A href="/feed">←</A></p>
    </section>
  );
}
