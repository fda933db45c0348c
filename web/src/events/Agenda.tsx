import "./events.css";
import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api.ts";
import { Loaded, valueOf } from "../components/Notice.tsx";
import { t } from "../i18n/index.ts";
import { createPagedList } from "../paging.ts";
import { session } from "../session.ts";
import { eventsApi, when } from "./api.ts";
import { EventCard } from "./EventCard.tsx";
import { MonthView } from "./MonthView.tsx";
import type { EventItem } from "./types.ts";
import { webHref } from "../web-href.ts";

/** `/n/:slug/agenda`: the network's coming events (list or month), its feeds, and partners' shared events. */
export default function Agenda() {
  const params = useParams<{ slug: string }>();
  const [view, setView] = createSignal<"list" | "month">("list");
  const [network] = createResource(() => params.slug, api.network);
  const canAnimate = () => ["animator", "pilot"].includes(valueOf(network)?.myRole ?? "");

  return (
    <div class="page">
      <h1>{t("events.agendaOf", { network: valueOf(network)?.network.name ?? params.slug })}</h1>
      <div class="actions">
        <div role="group" aria-label={t("events.agenda")} class="lang-switch">
          <button type="button" class="button button--small" aria-pressed={view() === "list"} onClick={() => setView("list")}>{t("events.list")}</button>
          <button type="button" class="button button--small" aria-pressed={view() === "month"} onClick={() => setView("month")}>{t("events.month")}</button>
        </div>
        <Show when={canAnimate()}>
          <A class="button button--primary" href={`/n/${params.slug}/agenda/new`}>{t("events.new")}</A>
        </Show>
      </div>
      <Show when={view() === "list"} fallback={<MonthView slug={params.slug} canPropose={canAnimate()} />}>
        <EventList slug={params.slug} />
      </Show>
      <Show when={valueOf(network)?.myRole}>
        <PartnerEvents slug={params.slug} />
      </Show>
      <section class="card card--quiet">
        <h2>{t("events.feeds")}</h2>
        <ul>
          <li><a href={`/api/networks/${params.slug}/events/feed.ics`} download={`${params.slug}.ics`}>{t("events.ics")}</a></li>
          <li><a href={`/api/networks/${params.slug}/events/feed.rss`} rel="external">{t("events.rss")}</a> · <a href={`/api/networks/${params.slug}/events/feed.atom`} rel="external">Atom</a></li>
          <Show when={session()}><li><A href="/me/events">{t("me.calendar")}</A></li></Show>
        </ul>
      </section>
    </div>
  );
}

function EventList(props: { slug: string }) {
  // Coming events in start order; the next page starts after the last one shown.
  const list = createPagedList<EventItem>({
    source: () => props.slug,
    fetchPage: async (after) => (await eventsApi.agenda(props.slug, after ? { after } : {})).events,
    cursorOf: (e) => e.startsAt,
    formName: "agenda-more",
  });
  return (
    <section aria-labelledby="list-title">
      <h2 id="list-title" class="visually-hidden">{t("events.list")}</h2>
      <Show when={list.items().length > 0} fallback={<Show when={list.firstPage.state === "ready"}><p>{t("events.none")}</p></Show>}>
        <ul class="event-list">
          <For each={list.items()}>{(e) => <EventCard event={e} />}</For>
        </ul>
      </Show>
      <Show when={list.hasMore()}>
        <button type="button" class="button" onClick={() => list.loadMore()}>{t("events.more")}</button>
      </Show>
    </section>
  );
}

function PartnerEvents(props: { slug: string }) {
  const [data] = createResource(() => props.slug, eventsApi.partners);
  return (
    <section class="card" aria-labelledby="partners-title">
      <h2 id="partners-title">{t("events.partners")}</h2>
      <Loaded data={data}>
        {({ events, remote }) => (
          <Show when={events.length + remote.length > 0} fallback={<p>{t("events.partnersNone")}</p>}>
            <ul class="event-list">
              <For each={events}>{(e) => <EventCard event={e} showNetwork />}</For>
              <For each={remote}>
                {(e) => (
                  <li class="card event-card">
                    <p class="event-card__when">{when(e.startsAt, e.endsAt)}</p>
                    <h3><a href={webHref(e.url, e.id)} rel="noopener">{e.name}</a></h3>
                    <p class="event-card__facts"><span>{e.network?.name ?? e.network?.handle}</span><span>{e.place}</span></p>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Loaded>
    </section>
  );
}
