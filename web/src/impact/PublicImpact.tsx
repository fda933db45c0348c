// On the network page: this year's totals when the network publishes them,
// and its published activity reports. Nothing at all otherwise.
import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { valueOf } from "../components/Notice.tsx";
import { formatDate, t } from "../i18n/index.ts";
import { impactApi } from "./api.ts";
import { TotalsList } from "./Totals.tsx";

export function PublicImpact(props: { slug: string }) {
  // A network that publishes nothing answers 404: the section stays away.
  const [summary] = createResource(() => props.slug, (slug) => impactApi.summary(slug).catch(() => null));
  const [reports] = createResource(() => props.slug, (slug) => impactApi.reports(slug).catch(() => null));
  const published = () => valueOf(reports)?.reports.filter((r) => r.published) ?? [];
  const shown = () => (valueOf(summary)?.public ? valueOf(summary) : null);
  return (
    <Show when={shown() || published().length}>
      <section class="card public-impact" aria-labelledby="public-impact">
        <h2 id="public-impact">{t("impact.summary.title")}</h2>
        <Show when={shown()}>
          {(s) => (
            <>
              <p>{t("impact.summary.period", { from: formatDate(s().period.from) })}</p>
              <TotalsList totals={s().totals} />
            </>
          )}
        </Show>
        <Show when={published().length}>
          <h3>{t("impact.reports")}</h3>
          <ul class="link-list">
            <For each={published()}>{(r) => <li><A href={`/n/${props.slug}/report/${r.year}`}>{t("report.title", { year: r.year })}</A></li>}</For>
          </ul>
        </Show>
      </section>
    </Show>
  );
}
