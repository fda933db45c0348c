import "./impact.css";
import { A, useParams, useSearchParams } from "@solidjs/router";
import { createResource, For, lazy, Show, Suspense } from "solid-js";
import { impactTables, type TableName } from "../../../server/domain/impact/tables.ts";
import { BackLink } from "../components/BackLink.tsx";
import { ErrorNotice, Loaded, Loading, valueOf } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { createForm, problemOf } from "../forms.ts";
import { lang, t } from "../i18n/index.ts";
import { canAnimate, createNetworkResource } from "../network.ts";
import { impactApi, type ImpactFigures } from "./api.ts";
import { FigureTableView } from "./FigureTables.tsx";
import { ImpactSettings } from "./ImpactSettings.tsx";
import { KeyFigures } from "./KeyFigures.tsx";
import { PartnersFigures } from "./PartnersFigures.tsx";
import { dayName, periodOf } from "./period.ts";
import { PeriodPicker } from "./PeriodPicker.tsx";

// uPlot comes with the charts, only when a page shows them.
const MonthsChart = lazy(() => import("./Charts.tsx").then((m) => ({ default: m.MonthsChart })));
const ThemesChart = lazy(() => import("./Charts.tsx").then((m) => ({ default: m.ThemesChart })));

/** `/n/:slug/impact`: the animation group's figures for a period, with charts, tables and CSV. */
export default function Dashboard() {
  const params = useParams<{ slug: string }>();
  const [search, setSearch] = useSearchParams<{ from?: string; to?: string }>();
  const [data] = createNetworkResource(() => params.slug);
  const form = createForm("impact", ["from", "to"]);
  const period = () => ({ from: search.from ?? periodOf("thisYear").from, to: search.to ?? periodOf("thisYear").to });
  const [figures, { refetch }] = createResource(
    () => ({ slug: params.slug, ...period() }),
    async ({ slug, from, to }) => {
      form.clear();
      try {
        return await impactApi.figures(slug, from, to);
      } catch (error) {
        const problem = problemOf(error);
        if (problem.field) form.fail(problem.field, problem.message);
        throw error;
      }
    },
  );
  const csv = (table?: TableName) => impactApi.csvUrl(params.slug, period().from, period().to, lang(), table);

  return (
    <RequireLogin>
      <Loaded data={data}>
        {({ network, myRole }) => (
          <div class="page impact">
            <div class="no-print"><BackLink href={`/n/${network.slug}`} label={network.name} /></div>
            <h1>{t("impact.title", { network: network.name })}</h1>
            <Show when={canAnimate(myRole)} fallback={<ErrorNotice message={t("app.notFound")} />}>
              <p class="lead">{t("impact.intro")}</p>
              <PeriodPicker form={form} from={period().from} to={period().to} onPick={(from, to) => setSearch({ from, to })} />
              <Show when={figures.state === "errored" && !form.problem()?.field}>
                <ErrorNotice message={problemOf(figures.error).message} />
              </Show>
              <Show when={valueOf(figures)} fallback={<Show when={figures.loading}><Loading /></Show>}>
                {(f) => <Figures figures={f()} csv={csv} />}
              </Show>
              <ImpactSettings slug={network.slug} onChange={() => void refetch()} />
            </Show>
          </div>
        )}
      </Loaded>
    </RequireLogin>
  );
}

function Figures(props: { figures: ImpactFigures; csv: (table?: TableName) => string }) {
  const f = () => props.figures;
  const tables = () => impactTables(f(), lang());
  const table = (name: TableName) => tables().find((x) => x.name === name)!;
  const year = () => Number(f().period.to.slice(0, 4));
  return (
    <>
      <p class="period-shown">
        {t("impact.shown", { from: dayName(f().period.from, lang()), to: dayName(f().period.to, lang()), from2: dayName(f().previous.from, lang()), to2: dayName(f().previous.to, lang()) })}
      </p>
      <div class="actions no-print">
        <a class="button" href={props.csv()} download="">{t("impact.csvAll")}</a>
        <button type="button" class="button" onClick={() => window.print()}>{t("impact.print")}</button>
        <A class="button" href={`/n/${f().network.slug}/report/${year()}`}>{t("impact.reportLink", { year: year() })}</A>
      </div>
      <KeyFigures figures={f()} />
      <section class="card impact-section" aria-labelledby="chart-months">
        <h2 id="chart-months">{t("impact.chart.months")}</h2>
        <Suspense fallback={<p class="notice notice--quiet">{t("impact.chart.loading")}</p>}>
          <MonthsChart months={f().months} />
        </Suspense>
        <FigureTableView table={table("months")} csvUrl={props.csv("months")} />
      </section>
      <section class="card impact-section" aria-labelledby="chart-themes">
        <h2 id="chart-themes">{t("impact.chart.themes")}</h2>
        <Show when={f().themes.length} fallback={<p>{t("impact.chart.empty")}</p>}>
          <Suspense fallback={<p class="notice notice--quiet">{t("impact.chart.loading")}</p>}>
            <ThemesChart themes={f().themes} />
          </Suspense>
        </Show>
        <FigureTableView table={table("themes")} csvUrl={props.csv("themes")} />
      </section>
      <For each={["members", "exchanges", "events", "eventKinds", "commons", "partnerships"] as const}>
        {(name) => (
          <section class="card impact-section">
            <FigureTableView table={table(name)} csvUrl={props.csv(name)} />
          </section>
        )}
      </For>
      <Show when={f().partners}>
        {(partners) => <PartnersFigures partners={partners()} table={table("partners")} csvUrl={props.csv("partners")} />}
      </Show>
    </>
  );
}
