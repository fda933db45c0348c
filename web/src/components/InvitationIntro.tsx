// Signup step 1: the network one is invited to, and its four principles to accept.
import { createSignal, Show } from "solid-js";
import { createForm } from "../forms.ts";
import { t, type MessageKey } from "../i18n/index.ts";
import type { InvitationPreview } from "../types.ts";
import { CheckboxField } from "./Field.tsx";
import { Principles } from "./Principles.tsx";
import { RichText } from "./RichText.tsx";

export function InvitationIntro(props: { invitation: InvitationPreview; onAccept: () => void }) {
  const form = createForm("principles", ["accept"]);
  const [accepted, setAccepted] = createSignal(false);
  const network = () => props.invitation.network;

  const next = (event: SubmitEvent) => {
    event.preventDefault();
    if (!accepted()) return form.fail("accept", t("signup.acceptNeeded"));
    props.onAccept();
  };

  return (
    <>
      <section class="card network-card" aria-labelledby="invited-to">
        <p class="eyebrow" id="invited-to">{t("signup.invitedTo")}</p>
        <h2 class="network-card__name">{network().name}</h2>
        <Show when={network().area}>
          <p class="network-card__area">{network().area}</p>
        </Show>
        <RichText text={network().description} />
        <p>{t("signup.invitedAs", { role: t(`role.${props.invitation.role}` as MessageKey) })}</p>
        <Show when={network().rules?.trim()}>
          <h3>{t("signup.rules")}</h3>
          <RichText text={network().rules} />
        </Show>
      </section>
      <form class="card" onSubmit={next} noValidate>
        <h2>{t("signup.principlesTitle")}</h2>
        <p>{t("signup.principlesIntro")}</p>
        <Principles />
        <CheckboxField form={form} name="accept" label={t("signup.accept")} checked={accepted()} onChange={setAccepted} />
        <button type="submit" class="button button--primary">{t("app.continue")}</button>
      </form>
    </>
  );
}
