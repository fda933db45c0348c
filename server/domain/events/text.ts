// Events in plain French: "samedi 5 décembre 2026, de 10 h à 12 h", the place
// on one line, and the summary Mastodon shows for an Event.
import type { Event } from "../../../db/schema/index.ts";
import { TIME_ZONE } from "./recurrence.ts";

const day = new Intl.DateTimeFormat("fr-FR", { timeZone: TIME_ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric" });
const clock = new Intl.DateTimeFormat("fr-FR", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "10 h", "10 h 30". */
export function frenchTime(date: Date): string {
  const [h, m] = clock.format(date).split(":");
  return m === "00" ? `${Number(h)} h` : `${Number(h)} h ${m}`;
}

export function frenchWhen(start: Date, end: Date): string {
  const sameDay = day.format(start) === day.format(end);
  return sameDay
    ? `${day.format(start)}, de ${frenchTime(start)} à ${frenchTime(end)}`
    : `du ${day.format(start)}, ${frenchTime(start)}, au ${day.format(end)}, ${frenchTime(end)}`;
}

export function placeLine(e: Pick<Event, "placeName" | "street" | "postalCode" | "locality">): string {
  const town = [e.postalCode, e.locality].filter(Boolean).join(" ");
  return [e.placeName, e.street, town].filter(Boolean).join(", ");
}

export const kindLabels: Record<Event["kind"], string> = {
  cafe: "Café-rencontre",
  fete: "Fête",
  atelier: "Atelier",
  formation: "Formation",
  action: "Action collective",
  reunion: "Réunion du groupe d’animation",
};

/** What Mastodon shows: the kind, the date and the place, in French. */
export function frenchSummary(e: Event): string {
  const status = e.cancelled ? "ANNULÉ — " : "";
  return `${status}${kindLabels[e.kind]} : ${e.title} — ${frenchWhen(e.startsAt, e.endsAt)} — ${placeLine(e)}`;
}
