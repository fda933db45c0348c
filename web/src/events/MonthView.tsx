// A month as a grid of weeks (Monday first), each day listing its events; on a
// phone the grid folds into a list of the days that have something.
import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { lang, t } from "../i18n/index.ts";
import { eventsApi } from "./api.ts";
import type { EventItem } from "./types.ts";
import { valueOf } from "../components/Notice.tsx";

const parisDay = (iso: string) => new Date(iso).toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });

export function MonthView(props: { slug: string; canPropose?: boolean }) {
  const now = new Date();
  const [month, setMonth] = createSignal({ year: now.getFullYear(), month: now.getMonth() });
  const range = () => {
    const { year, month: m } = month();
    return { from: new Date(Date.UTC(year, m, 1) - 2 * 3600_000).toISOString(), to: new Date(Date.UTC(year, m + 1, 1)).toISOString() };
  };
  const [events] = createResource(range, (r) => eventsApi.agenda(props.slug, r).then((x) => x.events));
  const days = () => {
    const { year, month: m } = month();
    const first = new Date(Date.UTC(year, m, 1));
    const offset = (first.getUTCDay() + 6) % 7;
    const count = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
    return [...Array(offset).fill(null), ...Array.from({ length: count }, (_, i) => new Date(Date.UTC(year, m, i + 1)).toISOString().slice(0, 10))];
  };
  const on = (day: string): EventItem[] => (valueOf(events) ?? []).filter((e) => parisDay(e.startsAt) === day);
  const title = () => new Date(Date.UTC(month().year, month().month, 15)).toLocaleDateString(lang() === "fr" ? "fr-FR" : "en-GB", { month: "long", year: "numeric" });
  const shift = (n: number) => setMonth(({ year, month: m }) => ({ year: year + Math.floor((m + n) / 12), month: (((m + n) % 12) + 12) % 12 }));

  return (
    <section aria-labelledby="month-title">
      <div class="month__nav">
        <button type="button" class="button button--small" onClick={() => shift(-1)}>← {t("events.prevMonth")}</button>
        <h2 id="month-title">{title()}</h2>
        <button type="button" class="button button--small" onClick={() => shift(1)}>{t("events.nextMonth")} →</button>
      </div>
      {/* An empty month says so, and what to do next, instead of a blank grid. */}
      <Show when={valueOf(events)?.length === 0}>
        <div class="notice notice--block" role="status">
          <p>{t("events.emptyMonth", { month: title() })}</p>
          <Show when={props.canPropose} fallback={<p>{t("events.emptyMonthHint")}</p>}>
            <p><A class="button button--small" href={`/n/${props.slug}/agenda/new`}>{t("events.new")}</A></p>
          </Show>
        </div>
      </Show>
      <ol class="month">
        <For each={days()}>
          {(day) => (
            <li class="month__day" classList={{ "month__day--empty": !day || on(day).length === 0, "month__day--blank": !day }}>
              <Show when={day}>
                {(d) => (
                  <>
                    <span class="month__date">{new Date(`${d()}T12:00:00Z`).toLocaleDateString(lang() === "fr" ? "fr-FR" : "en-GB", { weekday: "short", day: "numeric" })}</span>
                    <ul>
                      <For each={on(d())}>
                        {(e) => (
                          <li classList={{ "event-card--cancelled": e.cancelled }}>
                            <A href={`/n/${e.network.slug}/e/${e.id}`}>
                              {new Date(e.startsAt).toLocaleTimeString("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" })} {e.title}
                            </A>
                          </li>
                        )}
                      </For>
                    </ul>
                  </>
                )}
              </Show>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
