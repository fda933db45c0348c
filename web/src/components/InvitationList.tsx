import { For, Show } from "solid-js";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { formatDate, t, type MessageKey } from "../i18n/index.ts";
import type { Invitation } from "../types.ts";
import { FormAlert } from "./Notice.tsx";

/** The network's invitations, newest first, with their status and a revoke button. */
export function InvitationList(props: { slug: string; invitations: Invitation[]; onChange: () => void }) {
  const form = createForm("revoke", []);
  const revoke = (invitation: Invitation) => {
    if (!window.confirm(t("invitations.revokeConfirm", { code: invitation.code }))) return;
    form.submit(async () => {
      await api.revokeInvitation(props.slug, invitation.id);
      props.onChange();
    });
  };

  return (
    <>
      <FormAlert form={form} />
      <Show when={props.invitations.length} fallback={<p>{t("invitations.none")}</p>}>
        <ul class="item-list">
          <For each={props.invitations}>
            {(invitation) => (
              <li class="item" classList={{ "item--faded": invitation.status !== "active" }}>
                <div class="item__main">
                  <p class="code">{invitation.code}</p>
                  <p>
                    <span class={`badge badge--${invitation.status}`}>
                      {t(`invitations.status.${invitation.status}` as MessageKey)}
                    </span>{" "}
                    {t(`role.${invitation.role}` as MessageKey)}
                  </p>
                  <p>{t("invitations.uses", { uses: invitation.uses, max: invitation.maxUses })}</p>
                  <p>{t("invitations.expiresAt", { date: formatDate(invitation.expiresAt) })}</p>
                  <Show when={invitation.note}>
                    <p class="note">{invitation.note}</p>
                  </Show>
                </div>
                <Show when={invitation.status === "active"}>
                  <button
                    type="button"
                    class="button button--danger"
                    disabled={form.busy()}
                    onClick={() => revoke(invitation)}
                    aria-label={`${t("invitations.revoke")} ${invitation.code}`}
                  >
                    {t("invitations.revoke")}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
