import { createSignal } from "solid-js";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import type { MemberOfNetwork } from "../types.ts";
import { FieldFrame } from "./Field.tsx";
import { FormAlert, SuccessNotice } from "./Notice.tsx";

/**
 * The labels already given, offered as suggestions so that one household
 * keeps one spelling (the datalist is on the members page).
 */
export const HOUSEHOLDS_LIST = "households-known";

/**
 * The animators say which household (foyer) a member lives in: members with
 * the same label count once in the impact figures' "households reached".
 */
export function HouseholdField(props: { slug: string; member: MemberOfNetwork; onSaved: (label: string | null) => void }) {
  const form = createForm(`household-${props.member.handle}`, ["household"]);
  const [value, setValue] = createSignal(props.member.household ?? "");
  const [done, setDone] = createSignal<string>();
  return (
    <form
      class="household"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(undefined);
        void form.submit(async () => {
          const { member } = await api.setHousehold(props.slug, props.member.handle, value().trim() || null);
          setValue(member.household ?? "");
          setDone(t("members.householdSaved"));
          props.onSaved(member.household);
        });
      }}
    >
      <FormAlert form={form} />
      <FieldFrame form={form} name="household" label={t("members.householdOf", { name: props.member.displayName })} hint={t("members.householdHint")}>
        {(aria) => (
          <input
            id={aria.id}
            name="household"
            list={HOUSEHOLDS_LIST}
            maxLength={80}
            value={value()}
            aria-invalid={aria.invalid}
            aria-describedby={aria.describedBy}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        )}
      </FieldFrame>
      <button type="submit" class="button button--small" disabled={form.busy()}>{t("members.householdSave")}</button>
      <SuccessNotice message={done()} />
    </form>
  );
}
