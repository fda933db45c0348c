import { useParams, useSearchParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { TextField } from "../components/Field.tsx";
import { Loaded } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { kindName } from "../events/EventCard.tsx";
import { placeLine, when } from "../events/api.ts";
import { createForm } from "../forms.ts";
import { lang, t } from "../i18n/index.ts";
import { parisToday } from "../impact/period.ts";
import { createNetworkResource } from "../network.ts";
import { printApi, type Audience } from "./api.ts";
import { AudienceChoice, MembersOnlyNote, PrintedOn, PrintFrame } from "./PrintFrame.tsx";

const monthName = (month: string) =>
  new Date(`${month}-15T12:00:00Z`).toLocaleDateString(lang() === "fr" ? "fr-FR" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** `/n/:slug/print/agenda` (`?month=YYYY-MM`): the month's events on one sheet. */
export default function AgendaSheet() {
  const params = useParams<{ slug: string }>();
  const [search, setSearch] = useSearchParams<{ month?: string; audience?: string }>();
  const month = () => search.month ?? parisToday().slice(0, 7);
  const audience = (): Audience => (search.audience === "public" ? "public" : "members");
  const [network] = createNetworkResource(() => params.slug);
  const [sheet] = createResource(() => ({ slug: params.slug, month: month(), audience: audience() }), ({ slug, month, audience }) => printApi.agenda(slug, month, audience));
  const form = createForm("agenda-sheet", ["month"]);
  return (
    <RequireLogin>
      <Loaded data={network}>
        {({ network: n }) => (
          <PrintFrame
            back={{ href: `/n/${n.slug}/agenda`, label: t("events.agenda") }}
            title={t("print.agenda.title", { network: n.name })}
            choices={
              <>
                <TextField form={form} name="month" type="month" label={t("print.agenda.month")} value={month()} onValue={(m) => m && setSearch({ month: m })} />
                <AudienceChoice value={audience()} onChoose={(a) => setSearch({ audience: a })} />
              </>
            }
          >
            <article class="sheet-page">
              <header class="sheet-head">
                <h2>{t("print.agenda.title", { network: n.name })}</h2>
                <p class="sheet-month">{t("print.agenda.of", { month: monthName(month()) })}</p>
                <MembersOnlyNote audience={audience()} />
              </header>
              <Loaded data={sheet}>
                {(s) => (
                  <Show when={s.events.length} fallback={<p>{t("print.agenda.none")}</p>}>
                    <ul class="sheet-events">
                      <For each={s.events}>
                        {(e) => (
                          <li class="sheet-event">
                            <p class="sheet-event__when">{when(e.startsAt, e.endsAt)}</p>
                            <p><strong>{e.title}</strong> ({kindName(e.kind)})</p>
                            <p>{placeLine(e)}</p>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                )}
              </Loaded>
              <PrintedOn />
            </article>
          </PrintFrame>
        )}
      </Loaded>
    </RequireLogin>
  );
}
