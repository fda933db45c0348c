// Signup step 1 (and joining with one's account): the network one is invited to,
// and its four principles to accept.
import { createSignal, Show } from "solid-js";
import { createForm } from "../forms.ts";
import { t, type MessageKey } from "../i18n/index.ts";
import type { InvitationPreview } from "../types.ts";
import { CheckboxField } from "./Field.tsx";
import { FormAlert } from "./Notice.tsx";
import { Principles } from "./Principles.tsx";
import { RichText } from "./RichText.tsx";

interface Props {
  invitation: InvitationPreview;
  /** Runs once the principles are accepted; a thrown ApiError is shown above the button. */
  onAccept: () => void | Promise<void>;
  /** "Continue" unless told otherwise. */
  submitLabel?: string;
}

export function InvitationIntro(props: Props) {
  const form = createForm("principles", ["accept"]);
  const [accepted, setAccepted] = createSignal(false);
  const network = () => props.invitation.network;

  const next = (event: SubmitEvent) => {
    event.preventDefault();
    if (!accepted()) return form.fail("accept", t("signup.acceptNeeded"));
    form.submit(async () => {
      await props.onAccept();
    });
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
        <FormAlert form={form} />
        <button type="submit" class="button button--primary" disabled={form.busy()}>
          {props.submitLabel ?? t("app.continue")}
        </button>
      </form>
    </>
  );
}
