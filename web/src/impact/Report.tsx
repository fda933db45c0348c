import "./impact.css";
import { A, useNavigate, useParams } from "@solidjs/router";
import { createResource, For, lazy, Show, Suspense } from "solid-js";
import { impactTables, type TableName } from "../../../server/domain/impact/tables.ts";
import { BackLink } from "../components/BackLink.tsx";
import { Loaded, valueOf } from "../components/Notice.tsx";
import { RichText } from "../components/RichText.tsx";
import { formatDate, lang, t, tn } from "../i18n/index.ts";
import { createNetworkResource } from "../network.ts";
import { kindName } from "../events/EventCard.tsx";
import { impactApi, type ReportView } from "./api.ts";
import { FigureTableView } from "./FigureTables.tsx";
import { TotalsList } from "./Totals.tsx";
import { KeyFigures } from "./KeyFigures.tsx";
import { ReportEditor } from "./ReportEditor.tsx";

const MonthsChart = lazy(() => import("./Charts.tsx").then((m) => ({ default: m.MonthsChart })));
const ThemesChart = lazy(() => import("./Charts.tsx").then((m) => ({ default: m.ThemesChart })));

/** `/n/:slug/report/:year`: the yearly activity report, made to be printed on A4 (and published). */
export default function Report() {
  const params = useParams<{ slug: string; year?: string }>();
  const navigate = useNavigate();
  const year = () => Number(params.year ?? new Date().getFullYear());
  const [network] = createNetworkResource(() => params.slug);
  const [report, { refetch }] = createResource(() => ({ slug: params.slug, year: year() }), ({ slug, year }) => impactApi.report(slug, year));
  const [years] = createResource(() => params.slug, impactApi.reports);
  return (
    <div class="page report">
      <div class="no-print">
        <BackLink href={`/n/${params.slug}`} label={valueOf(network)?.network.name ?? params.slug} />
        <Show when={valueOf(years)?.years.length}>
          <label class="field report__years">
            <span>{t("report.year")}</span>
            <select value={year()} onChange={(e) => navigate(`/n/${params.slug}/report/${e.currentTarget.value}`)}>
              <For each={valueOf(years)!.years}>{(y) => <option value={y}>{y}</option>}</For>
            </select>
          </label>
        </Show>
      </div>
      <Loaded data={report}>
        {(r) => (
          <>
            <ReportBody report={r} iconUrl={valueOf(network)?.network.iconUrl ?? null} />
            <Show when={r.canEdit}>
              <ReportEditor slug={params.slug} report={r} onSaved={() => void refetch()} />
            </Show>
          </>
        )}
      </Loaded>
    </div>
  );
}

function ReportBody(props: { report: ReportView; iconUrl: string | null }) {
  const r = () => props.report;
  const table = (name: TableName) => impactTables(r().figures!, lang()).find((x) => x.name === name)!;
  const themeName = (th: { labelFr: string; labelEn: string }) => (lang() === "fr" ? th.labelFr : th.labelEn);
  return (
    <article>
      <header class="report__heading">
        <Show when={props.iconUrl}>{(url) => <img src={url()} alt="" />}</Show>
        <div>
          <p class="eyebrow">{r().network.name}</p>
          <h1>{t("report.title", { year: r().year })}</h1>
        </div>
      </header>
      <p class="no-print notice">{r().published ? t("report.isPublished") : t("report.draft")}</p>
      <div class="actions no-print">
        <button type="button" class="button button--primary" onClick={() => window.print()}>{t("report.print")}</button>
      </div>
      <RichText text={r().intro} class="report__texts" />
      <section aria-labelledby="report-figures">
        <h2 id="report-figures">{t("report.figures")}</h2>
        <Show when={r().figures} fallback={<TotalsList totals={r().totals} />}>
          {(f) => (
            <>
              <KeyFigures figures={f()} />
              <Suspense>
                <MonthsChart months={f().months} />
              </Suspense>
              <FigureTableView table={table("months")} />
            </>
          )}
        </Show>
      </section>
      <section aria-labelledby="report-highlights" class="report__page-break">
        <h2 id="report-highlights">{t("report.highlights")}</h2>
        <h3>{t("report.themes")}</h3>
        <Show when={r().highlights.themes.length} fallback={<p>{t("report.nothing")}</p>}>
          <ol class="highlights">
            <For each={r().highlights.themes}>{(th) => <li><strong>{themeName(th)}</strong> — {tn("report.exchanges", th.exchanges)}</li>}</For>
          </ol>
        </Show>
        <Show when={r().figures?.themes.length}>
          <Suspense>
            <ThemesChart themes={r().figures!.themes} />
          </Suspense>
          <FigureTableView table={table("themes")} />
        </Show>
        <h3>{t("report.events")}</h3>
        <Show when={r().highlights.events.length} fallback={<p>{t("report.nothing")}</p>}>
          <ul class="highlights">
            <For each={r().highlights.events}>
              {(e) => <li>{formatDate(e.startsAt)} — <A href={new URL(e.url).pathname}>{e.title}</A> ({kindName(e.kind as never)}, {tn("report.going", e.going)})</li>}
            </For>
          </ul>
        </Show>
        <h3>{t("report.partners")}</h3>
        <Show when={r().highlights.partners.length} fallback={<p>{t("report.nothing")}</p>}>
          <ul class="highlights">
            <For each={r().highlights.partners}>{(p) => <li>{p.name}</li>}</For>
          </ul>
        </Show>
      </section>
      <Show when={r().figures}>
        <section class="report__page-break">
          <For each={["members", "exchanges", "events", "commons", "partnerships"] as const}>{(name) => <FigureTableView table={table(name)} />}</For>
        </section>
      </Show>
      <Show when={r().thanks}>
        <section aria-labelledby="report-thanks">
          <h2 id="report-thanks">{t("report.thanks")}</h2>
          <RichText text={r().thanks} class="report__texts" />
        </section>
      </Show>
    </article>
  );
}
