// A regional network's view of its partners: the totals of those that share
// them, each marked by network, and the names of those that do not.
import { Show } from "solid-js";
import type { FigureTable } from "../../../server/domain/impact/tables.ts";
import { t } from "../i18n/index.ts";
import type { ImpactFigures } from "./api.ts";
import { FigureTableView } from "./FigureTables.tsx";

export function PartnersFigures(props: { partners: NonNullable<ImpactFigures["partners"]>; table: FigureTable; csvUrl: string }) {
  return (
    <section class="card impact-section" aria-labelledby="impact-partners">
      <h2 id="impact-partners">{t("impact.partners.title")}</h2>
      <p>{t("impact.partners.intro")}</p>
      <Show when={props.partners.shared.length} fallback={<p>{t("impact.partners.none")}</p>}>
        <FigureTableView table={props.table} csvUrl={props.csvUrl} />
      </Show>
      <Show when={props.partners.notSharing.length}>
        <p>{t("impact.partners.notSharing", { names: props.partners.notSharing.map((p) => p.name).join(", ") })}</p>
      </Show>
    </section>
  );
}
