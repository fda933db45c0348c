import { Show } from "solid-js";
import { actingFor, setActingFor } from "../api.ts";
import { t } from "../i18n/index.ts";
import { session } from "../session.ts";

export const actingName = () => {
  const handle = actingFor();
  return session()?.sponsored.find((person) => person.handle === handle)?.displayName ?? handle;
};

/** Always visible while a sponsor acts for someone, so nobody forgets it. */
export function ActingBanner() {
  return (
    <Show when={actingFor()}>
      <div class="acting-banner" role="status">
        <p>{t("acting.banner", { name: actingName() ?? "" })}</p>
        <button type="button" class="button button--small" onClick={() => setActingFor(null)}>
          {t("acting.stop")}
        </button>
      </div>
    </Show>
  );
}
