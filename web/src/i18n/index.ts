// A tiny i18n: one signal for the language, `t()` reads the catalogue reactively.
import { createSignal } from "solid-js";
import { en } from "./en.ts";
import { fr, type MessageKey, type Messages } from "./fr.ts";

export type Lang = "fr" | "en";
export type { MessageKey };

const catalogues: Record<Lang, Messages> = { fr, en };
const storageKey = "maillage.lang";

export const isLang = (value: unknown): value is Lang => value === "fr" || value === "en";

/** A choice made with the switcher wins; then the browser's language; French by default. */
function initialLang(): Lang {
  const stored = globalThis.localStorage?.getItem(storageKey);
  if (isLang(stored)) return stored;
  return globalThis.navigator?.language?.toLowerCase().startsWith("en") ? "en" : "fr";
}

const [lang, setLangSignal] = createSignal<Lang>(initialLang());
export { lang };

export function setLang(next: Lang, remember = false) {
  setLangSignal(next);
  document.documentElement.lang = next;
  if (remember) localStorage.setItem(storageKey, next);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[lang()][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A count in words: `key.one` when the language says the count is singular
 * (French: 0 and 1), else `key`. `{count}` is filled in.
 */
export function tn(key: MessageKey, count: number, params: Record<string, string | number> = {}): string {
  const singular = `${key}.one`;
  const one = new Intl.PluralRules(lang()).select(count) === "one";
  return t(one && hasMessage(singular) ? singular : key, { ...params, count });
}

/** Whether the catalogue has this key: for keys built at run time (a notification's kind). */
export const hasMessage = (key: string): key is MessageKey => key in catalogues[lang()];

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(lang() === "fr" ? "fr-FR" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
  });
}

/** "3 mai 2025 à 14:05": when something was posted. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(lang() === "fr" ? "fr-FR" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}
