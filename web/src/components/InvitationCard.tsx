import { For } from "solid-js";
import { t, type MessageKey } from "../i18n/index.ts";
import type { Invitation } from "../types.ts";
import { QrCode } from "./QrCode.tsx";

/** The URL people open: the API's canonical one, else this site's address. */
export const signupUrl = (invitation: Invitation) =>
  invitation.url ?? `${location.origin}/invitation/${invitation.code}`;

/** One card to cut out and hand over: network, code in large letters, address and QR code. */
export function InvitationCard(props: { networkName: string; invitation: Invitation }) {
  const url = () => signupUrl(props.invitation);
  return (
    <article class="invite-card">
      <div class="invite-card__text">
        <p class="invite-card__intro">{t("cards.join")}</p>
        <p class="invite-card__network">{props.networkName}</p>
        {/* Member and animator cards must not look alike. */}
        <p class={`invite-card__role invite-card__role--${props.invitation.role}`}>{t(`cards.role.${props.invitation.role}` as MessageKey)}</p>
        <p class="invite-card__howto">{t("cards.howTo")}</p>
        <p class="invite-card__url"><Breakable text={url()} /></p>
      </div>
      <QrCode text={url()} label={url()} />
      {/* Full width, so the code stays large and on one line. */}
      <div class="invite-card__codebox">
        <p class="invite-card__label">{t("cards.code")}</p>
        <p class="invite-card__code">{props.invitation.code}</p>
      </div>
    </article>
  );
}

/** A long address may wrap after a « / », never in the middle of a word (people copy it by hand). */
function Breakable(props: { text: string }) {
  const parts = () => props.text.split(/(?<=\/)/);
  return <For each={parts()}>{(part) => <><span class="nowrap">{part}</span><wbr /></>}</For>;
}
