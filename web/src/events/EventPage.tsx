import "./events.css";
import { A, useLocation, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { ApiError } from "../api.ts";
import { BackLink } from "../components/BackLink.tsx";
import { ErrorNotice, Loading, SuccessNotice } from "../components/Notice.tsx";
import { RichText } from "../components/RichText.tsx";
import { VisibilityBadge } from "../components/VisibilityBadge.tsx";
import { createForm, problemOf } from "../forms.ts";
import { t, tn, type MessageKey } from "../i18n/index.ts";
import { session } from "../session.ts";
import { eventsApi, placeLine, when } from "./api.ts";
import { kindName } from "./EventCard.tsx";
import { EditEvent } from "./EditEvent.tsx";
import { SignupForm } from "./SignupForm.tsx";
import type { EventItem, Signup } from "./types.ts";
import { ReportButton } from "../moderation/ReportButton.tsx";
import { HiddenNotice } from "../moderation/HiddenNotice.tsx";
import type { HiddenState } from "../moderation/api.ts";
import { Reactions } from "../components/Reactions.tsx";
import type { Reactions as ReactionsData } from "../federation-types.ts";

/**
 * `/n/:slug/e/:id`: one event. Its address is also its ActivityPub id, so
 * people of the fediverse land here; members answer and sign up.
 */
export default function EventPage() {
  const params = useParams<{ slug: string; id: string }>();
  const location = useLocation();
  const [data, { mutate, refetch }] = createResource(() => params.id, eventsApi.event);
  const hidden = () => data.error instanceof ApiError && data.error.status === 404;

  return (
    <div class="page page--narrow">
      <Switch fallback={<Loading />}>
        <Match when={data.state === "errored"}>
          <h1>{t("events.agenda")}</h1>
          <ErrorNotice message={hidden() ? t("events.notFound") : problemOf(data.error).message} />
          <Show when={!session()}>
            <p><A href={`/login?next=${encodeURIComponent(location.pathname)}`} class="button">{t("nav.login")}</A></p>
          </Show>
        </Match>
        <Match when={data.state === "ready" || data.state === "refreshing" ? data.latest : undefined} keyed>
          {(found) => (
            <Details event={found.event} signup={found.signup} reactions={found.reactions} hidden={found.hidden}
              onChanged={(event) => mutate({ ...found, event })} onSignup={(signup) => mutate({ ...found, signup })} refetch={refetch} />
          )}
        </Match>
      </Switch>
    </div>
  );
}

function Details(props: { event: EventItem; signup: Signup; reactions: ReactionsData; hidden?: HiddenState; onChanged: (e: EventItem) => void; onSignup: (s: Signup) => void; refetch: () => void }) {
  const e = () => props.event;
  const rsvp = createForm("rsvp", []);
  const [done, setDone] = createSignal<string>();
  const answer = (status: "going" | "maybe" | "not_going") =>
    rsvp.submit(async () => {
      await eventsApi.rsvp(e().id, status);
      props.refetch();
    });
  const cancel = (scope: "occurrence" | "series") =>
    window.confirm(t("events.cancelConfirm")) &&
    rsvp.submit(async () => {
      props.onChanged((await eventsApi.cancel(e().id, scope)).event);
      setDone(t("events.cancelledDone"));
    });
  const open = () => !e().cancelled && new Date(e().endsAt) > new Date();

  return (
    <>
      <BackLink href={`/n/${e().network.slug}/agenda`} label={t("events.agendaOf", { network: e().network.name })} />
      <Show when={props.hidden}>{(h) => <HiddenNotice type="event" id={e().id} hidden={h()} mine={e().organiser?.handle === session()?.member.handle} />}</Show>
      <article class="card event">
        <p class="event-card__facts"><span>{kindName(e().kind)}</span><VisibilityBadge visibility={e().visibility} />
          <Show when={e().series}><span>{t("events.series")}</span></Show></p>
        <h1>{e().title}</h1>
        <Show when={e().cancelled}><p class="notice notice--warn"><strong>{t("events.cancelled")}</strong></p></Show>
        <p class="event__when"><strong>{when(e().startsAt, e().endsAt)}</strong></p>
        <p class="event__place">{placeLine(e())}</p>
        <p class="event-card__facts">
          <span>{tn("events.going", e().going)}</span>
          <Show when={e().waiting > 0}><span>{tn("events.waiting", e().waiting)}</span></Show>
          <Show when={e().remaining !== null}><span>{e().remaining === 0 ? t("events.full") : tn("events.places", e().remaining!)}</span></Show>
        </p>
        <Show when={e().organiser}>{(o) => <p>{t("events.organiser", { name: o().displayName })}</p>}</Show>
        <Show when={e().photo}>
          {(p) => <img class="event__photo" src={p().url} alt={p().description || ""} width={p().width ?? undefined} height={p().height ?? undefined} />}
        </Show>
        <RichText text={e().body} />
        <Show when={!e().cancelled}>
          <p><a class="button" href={`/api/events/${encodeURIComponent(e().id)}/event.ics`} download="">{t("events.addToCalendar")}</a></p>
        </Show>
        <Show when={!e().canManage}><ReportButton type="event" id={e().id} /></Show>
      </article>
      <SuccessNotice message={done()} />
      <Show when={session() && open()}>
        <section class="card" aria-labelledby="rsvp-title">
          <h2 id="rsvp-title">{t("events.rsvp")}</h2>
          <Show when={rsvp.general()}>{(m) => <ErrorNotice message={m()} />}</Show>
          <Show when={e().myStatus}>{(s) => <p class="notice notice--ok" role="status">{t(`events.status.${s()}` as MessageKey)}</p>}</Show>
          <div class="actions">
            <For each={["going", "maybe", "not_going"] as const}>
              {(status) => (
                <button type="button" class="button" classList={{ "button--primary": status === "going" }} disabled={rsvp.busy()}
                  aria-pressed={e().myStatus === status || (status === "going" && e().myStatus === "waiting")} onClick={() => answer(status)}>
                  {t(`events.rsvp.${status}` as MessageKey)}
                </button>
              )}
            </For>
          </div>
        </section>
      </Show>
      <Show when={props.signup.items.length > 0}>
        <SignupForm event={e()} signup={props.signup} onSaved={props.onSignup} />
      </Show>
      <Reactions reactions={props.reactions} visibility={e().visibility} headingId="event-replies" heading="h2" />
      <Show when={e().canManage}>
        <section class="card no-print" aria-labelledby="manage-title">
          <h2 id="manage-title">{t("events.manage")}</h2>
          <div class="actions">
            <A class="button" href={`/n/${e().network.slug}/e/${e().id}/participants`}>{t("events.participantsLink")}</A>
            <Show when={!e().cancelled}>
              <button type="button" class="button button--danger" onClick={() => cancel("occurrence")}>{t("events.cancel")}</button>
              <Show when={e().series}>
                <button type="button" class="button button--danger" onClick={() => cancel("series")}>{t("events.cancelSeries")}</button>
              </Show>
            </Show>
          </div>
          <Show when={!e().cancelled}>
            <EditEvent event={e()} onSaved={(event) => { props.onChanged(event); setDone(t("events.saved")); }} />
          </Show>
        </section>
      </Show>
    </>
  );
}
