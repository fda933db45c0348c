// The periods the dashboard offers, as days in Europe/Paris (YYYY-MM-DD).
export type PeriodChoice = "thisMonth" | "thisYear" | "lastYear" | "custom";

/** Today in Paris, whatever the device's time zone. */
export const parisToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());

export function periodOf(choice: Exclude<PeriodChoice, "custom">, today = parisToday()): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  if (choice === "thisMonth") return { from: `${today.slice(0, 7)}-01`, to: today };
  if (choice === "thisYear") return { from: `${year}-01-01`, to: today };
  return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
}

/** Which choice a period is, for the picker. */
export function choiceOf(from: string, to: string, today = parisToday()): PeriodChoice {
  for (const choice of ["thisMonth", "thisYear", "lastYear"] as const) {
    const p = periodOf(choice, today);
    if (p.from === from && p.to === to) return choice;
  }
  return "custom";
}

/** "1 mars 2026", for a YYYY-MM-DD day. */
export const dayName = (day: string, language: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString(language === "fr" ? "fr-FR" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
