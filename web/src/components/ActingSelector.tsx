import { Show } from "solid-js";
import { actingFor, setActingFor } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { session } from "../session.ts";
import { SelectField } from "./Field.tsx";

/** For sponsors: choose whose profile the next requests are about. */
export function ActingSelector() {
  const form = createForm("acting", ["actingFor"]);
  const sponsored = () => session()?.sponsored ?? [];
  return (
    <Show when={sponsored().length}>
      <div class="card card--accent">
        <p>{t("acting.help")}</p>
        <SelectField
          form={form}
          name="actingFor"
          label={t("acting.label")}
          noMark
          value={actingFor() ?? ""}
          onValue={(handle) => setActingFor(handle || null)}
          options={[
            { value: "", label: t("acting.myself") },
            ...sponsored().map((person) => ({ value: person.handle, label: person.displayName })),
          ]}
        />
      </div>
    </Show>
  );
}
