import "./events.css";
import { useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { Loaded } from "../components/Notice.tsx";
import { t, tn, type MessageKey } from "../i18n/index.ts";
import { eventsApi, placeLine, when } from "./api.ts";
import { AttendanceTick } from "./Attendance.tsx";

/** Who came is ticked once the event has started. */
const started = (startsAt: string) => Date.parse(startsAt) <= Date.now();

/** `/n/:slug/e/:id/participants`: the organiser's list, made to be printed and signed on the day. */
export default function Participants() {
  const params = useParams<{ slug: string; id: string }>();
  const [data] = createResource(() => params.id, eventsApi.participants);
  return (
    <div class="page">
      <Loaded data={data}>
        {({ event, participants, signup }) => (
          <>
            <div class="no-print"><BackLink href={`/n/${params.slug}/e/${params.id}`} label={event.title} /></div>
            <h1>{t("events.participants", { title: event.title })}</h1>
            <p>{when(event.startsAt, event.endsAt)} — {placeLine(event)}</p>
            <p>{tn("events.going", event.going)}<Show when={event.waiting}> · {tn("events.waiting", event.waiting)}</Show></p>
            <button type="button" class="button no-print" onClick={() => window.print()}>{t("events.print")}</button>
            <Show when={started(event.startsAt)}><p class="no-print">{t("attendance.help")}</p></Show>
            <table class="print-table">
              <thead><tr><th scope="col">{t("events.col.name")}</th><th scope="col">{t("events.col.status")}</th><th scope="col">{t("events.col.by")}</th><th scope="col">{t("events.col.sign")}</th><Show when={started(event.startsAt)}><th scope="col">{t("attendance.title")}</th></Show></tr></thead>
              <tbody>
                <For each={participants.filter((p) => p.status !== "not_going")}>
                  {(p) => (
                    <tr>
                      <td>{p.name} <Show when={p.remote}><small>{t("events.remote")}</small></Show></td>
                      <td>{t(`events.rsvp.${p.status === "waiting" ? "going" : p.status}` as MessageKey)}{p.status === "waiting" ? " (attente)" : ""}</td>
                      <td>{p.answeredBy ?? ""}</td>
                      <td class="print-table__sign" />
                      <Show when={started(event.startsAt)}><td>{p.remote ? "" : <AttendanceTick eventId={event.id} participant={p} />}</td></Show>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={signup.items.length > 0}>
              <h2>{t("events.signup")}</h2>
              <table class="print-table">
                <tbody>
                  <For each={signup.items}>
                    {(item) => (
                      <tr>
                        <th scope="row">{item.label}</th>
                        <td>{t("events.signupTotal", { total: item.total })}</td>
                        <td>{(signup.lines ?? []).filter((l) => l.itemId === item.id).map((l) => `${l.displayName} (${l.quantity})`).join(", ")}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </>
        )}
      </Loaded>
    </div>
  );
}
