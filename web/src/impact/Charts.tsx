// The dashboard's charts, drawn with uPlot (about 23 KB gzipped). This module
// is loaded on demand by the pages that show charts, so no other page pays
// for it. The canvas is hidden from screen readers: each chart has its
// figures in the table that follows it, and its own legend in text.
import "uplot/dist/uPlot.min.css";
import uPlot from "uplot";
import { For, onCleanup, onMount } from "solid-js";
import type { MonthFigures, ThemeFigures } from "../../../server/domain/impact/shape.ts";
import { lang, t } from "../i18n/index.ts";

interface Line {
  label: string;
  color: string;
  dash: number[];
}

// Distinct in colour and in line style, so that they read without colour too.
const styles: Omit<Line, "label">[] = [
  { color: "#1d5b45", dash: [] },
  { color: "#7a4b00", dash: [10, 5] },
  { color: "#1f4e9c", dash: [3, 4] },
  { color: "#6b2d86", dash: [12, 4, 3, 4] },
];

function Legend(props: { lines: Line[]; bars?: boolean }) {
  return (
    <ul class="chart-legend" aria-hidden="true">
      <For each={props.lines}>
        {(line) => (
          <li>
            <svg width="36" height="14" viewBox="0 0 36 14">
              {props.bars ? (
                <rect x="4" y="1" width="28" height="12" fill={line.color} />
              ) : (
                <line x1="0" y1="7" x2="36" y2="7" stroke={line.color} stroke-width="3" stroke-dasharray={line.dash.join(" ")} />
              )}
            </svg>
            {line.label}
          </li>
        )}
      </For>
    </ul>
  );
}

/** Mounts a uPlot chart that follows its container's width. */
function Plot(props: { label: string; height: number; options: (width: number) => uPlot.Options; data: uPlot.AlignedData }) {
  let box!: HTMLDivElement;
  onMount(() => {
    const width = () => Math.max(260, Math.floor(box.clientWidth));
    const chart = new uPlot(props.options(width()), props.data, box);
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: props.height }));
    resize.observe(box);
    onCleanup(() => {
      resize.disconnect();
      chart.destroy();
    });
  });
  return (
    <div class="chart" role="img" aria-label={props.label}>
      <div ref={box} aria-hidden="true" />
    </div>
  );
}

const monthName = (month: string) =>
  new Date(`${month}-15T12:00:00Z`).toLocaleDateString(lang() === "fr" ? "fr-FR" : "en-GB", { month: "short", year: "2-digit", timeZone: "Europe/Paris" });

const axisStyle = { stroke: "#1b1b1b", grid: { stroke: "#d9d2c5", width: 1 }, ticks: { stroke: "#5f5f5f", width: 1 }, font: "14px system-ui, sans-serif" };

/** New members, offers and requests posted, exchanges and registrations, month by month. */
export function MonthsChart(props: { months: MonthFigures[] }) {
  const lines: Line[] = [
    { label: t("impact.chart.newMembers"), ...styles[0] },
    { label: t("impact.chart.posted"), ...styles[1] },
    { label: t("impact.chart.exchanges"), ...styles[2] },
    { label: t("impact.chart.going"), ...styles[3] },
  ];
  const m = props.months;
  const data: uPlot.AlignedData = [
    m.map((_, i) => i),
    m.map((x) => x.newMembers),
    m.map((x) => x.offers + x.requests),
    m.map((x) => x.exchanges),
    m.map((x) => x.going),
  ];
  const options = (width: number): uPlot.Options => ({
    width,
    height: 280,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
    axes: [
      // A label every month when there is room, else every other (or third…) month.
      { ...axisStyle, splits: (u) => m.map((_, i) => i).filter((i) => i % Math.max(1, Math.ceil((m.length * 64) / u.width)) === 0), values: (_u, splits) => splits.map((i) => (m[i] ? monthName(m[i].month) : "")) },
      { ...axisStyle, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : "")) },
    ],
    series: [{}, ...lines.map((l) => ({ label: l.label, stroke: l.color, width: 3, dash: l.dash, points: { size: 7, fill: l.color } }))],
  });
  return (
    <>
      <Plot label={t("impact.chart.monthsLabel")} height={280} options={options} data={data} />
      <Legend lines={lines} />
    </>
  );
}

/** Offers, requests and exchanges of the period by theme, as horizontal bars. */
export function ThemesChart(props: { themes: ThemeFigures[] }) {
  const rows = props.themes;
  const lines: Line[] = [
    { label: t("impact.chart.posted"), ...styles[0] },
    { label: t("impact.chart.exchanges"), ...styles[1] },
  ];
  const label = (r: ThemeFigures) => (lang() === "fr" ? r.theme.labelFr : r.theme.labelEn);
  const data: uPlot.AlignedData = [
    rows.map((_, i) => i),
    rows.map((r) => r.offers.current + r.requests.current),
    rows.map((r) => r.exchanges.current),
  ];
  const height = Math.max(180, rows.length * 56 + 70);
  const bars = (align: -1 | 1) => uPlot.paths.bars!({ size: [0.4, 28], align });
  const options = (width: number): uPlot.Options => ({
    width,
    height,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      // Themes run down the side, counts along the bottom.
      x: { time: false, ori: 1, dir: 1, range: [-0.6, rows.length - 0.4] },
      y: { ori: 0, range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
    },
    axes: [
      // One tick per theme, whatever room uPlot would have chosen.
      { ...axisStyle, side: 3, size: Math.min(180, Math.round(width * 0.4)), grid: { show: false }, splits: () => rows.map((_, i) => i), values: (_u, splits) => splits.map((i) => label(rows[i]) ?? "") },
      { ...axisStyle, side: 2, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : "")) },
    ],
    series: [{}, ...lines.map((l, i) => ({ label: l.label, fill: l.color, stroke: l.color, width: 0, paths: bars(i === 0 ? -1 : 1), points: { show: false } }))],
  });
  return (
    <>
      <Plot label={t("impact.chart.themesLabel")} height={height} options={options} data={data} />
      <Legend lines={lines} bars />
    </>
  );
}
