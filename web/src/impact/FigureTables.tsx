// The figures as tables (the same tables as the CSV export): every chart has
// its figures here, and each table can be downloaded on its own.
import { For, Show } from "solid-js";
import type { FigureTable } from "../../../server/domain/impact/tables.ts";
import { lang, t } from "../i18n/index.ts";

export const formatCount = (n: number) => n.toLocaleString(lang() === "fr" ? "fr-FR" : "en-GB");

export function FigureTableView(props: { table: FigureTable; csvUrl?: string }) {
  const id = () => `table-${props.table.name}`;
  return (
    <div class="figure-table">
      {/* Wide tables scroll sideways on a phone; the keyboard can scroll them too. */}
      <div class="table-scroll" role="region" aria-labelledby={id()} tabIndex={0}>
        <table class="figures">
          <caption id={id()}>{props.table.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.table.rowHeader}</th>
              <For each={props.table.columns}>{(c) => <th scope="col" classList={{ "figures__previous": c.previous }}>{c.label}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.table.rows}>
              {(row) => (
                <tr>
                  <th scope="row">{row.label}</th>
                  <For each={row.values}>{(v, i) => <td classList={{ "figures__previous": props.table.columns[i()].previous }}>{formatCount(v)}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.csvUrl}>
        {(url) => (
          <p class="no-print">
            <a href={url()} download="">{t("impact.csv")}<span class="visually-hidden"> — {props.table.title}</span></a>
          </p>
        )}
      </Show>
    </div>
  );
}
