import { For } from "solid-js";
import { lang, t, type Lang } from "../i18n/index.ts";
import { switchLang } from "../session.ts";

const languages: { code: Lang; label: "lang.fr" | "lang.en" }[] = [
  { code: "fr", label: "lang.fr" },
  { code: "en", label: "lang.en" },
];

/** Each language named in itself, so anyone finds their own. */
export function LanguageSwitch() {
  return (
    <div class="lang-switch" role="group" aria-label={t("lang.label")}>
      <For each={languages}>
        {(language) => (
          <button
            type="button"
            class="button button--small"
            lang={language.code}
            aria-pressed={lang() === language.code}
            onClick={() => switchLang(language.code)}
          >
            {t(language.label)}
          </button>
        )}
      </For>
    </div>
  );
}
