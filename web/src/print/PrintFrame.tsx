// The frame of every printed page: on screen, a short help, the choices and
// the Print button; on paper, only the sheet.
import "./sheets.css";
import { For, Show, type JSX } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { formatDate, t } from "../i18n/index.ts";
import type { Audience } from "./api.ts";

export function PrintFrame(props: { back: { href: string; label: string }; title: string; choices?: JSX.Element; children: JSX.Element }) {
  return (
    <div class="page page--print print-sheet">
      <div class="no-print print-controls">
        <BackLink href={props.back.href} label={props.back.label} />
        <h1>{props.title}</h1>
        <p>{t("print.help")}</p>
        {props.choices}
        <div class="actions">
          <button type="button" class="button button--primary" onClick={() => window.print()}>{t("print.print")}</button>
        </div>
      </div>
      {props.children}
    </div>
  );
}

/** Two or three choices as pressed buttons (a radio group would be heavier for one click). */
export function Choice<T extends string>(props: { label: string; value: T; options: { value: T; label: string }[]; onChoose: (value: T) => void }) {
  return (
    <div role="group" aria-label={props.label} class="print-choice">
      <span class="print-choice__label" aria-hidden="true">{props.label}</span>
      <For each={props.options}>
        {(o) => (
          <button type="button" class="button button--small" aria-pressed={props.value === o.value} onClick={() => props.onChoose(o.value)}>{o.label}</button>
        )}
      </For>
    </div>
  );
}

/** For the members (handed out) or for display in the hall (public items only). */
export function AudienceChoice(props: { value: Audience; onChoose: (audience: Audience) => void }) {
  return (
    <Choice label={t("print.audience")} value={props.value} onChoose={props.onChoose}
      options={[{ value: "members", label: t("print.audience.members") }, { value: "public", label: t("print.audience.public") }]} />
  );
}

export const PrintedOn = () => <p class="sheet-foot">{t("print.printedOn", { date: formatDate(new Date().toISOString()) })}</p>;

export function MembersOnlyNote(props: { audience: string }) {
  return (
    <Show when={props.audience === "members"}>
      <p class="sheet-note">{t("print.membersOnly")}</p>
    </Show>
  );
}
