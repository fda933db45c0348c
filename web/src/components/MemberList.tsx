import { For, Show, createSignal } from "solid-js";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { formatDate, t, type MessageKey } from "../i18n/index.ts";
import type { MemberOfNetwork, Role } from "../types.ts";
import { FormAlert, SuccessNotice } from "./Notice.tsx";

const roles: Role[] = ["member", "animator", "pilot"];
const roleName = (role: Role) => t(`role.${role}` as MessageKey);

interface Props {
  slug: string;
  members: MemberOfNetwork[];
  canEdit: boolean;
}

/** Members with their role and sponsors; animators change roles in place. */
export function MemberList(props: Props) {
  const form = createForm("roles", []);
  const [done, setDone] = createSignal<string>();
  const nameOf = (handle: string) => props.members.find((m) => m.handle === handle)?.displayName ?? handle;

  // No refetch: the select already shows the new role; on failure it goes back.
  const changeRole = (member: MemberOfNetwork, select: HTMLSelectElement) => {
    const role = select.value as Role;
    setDone(undefined);
    form.submit(async () => {
      try {
        await api.changeRole(props.slug, member.handle, role);
      } catch (error) {
        select.value = select.dataset.saved ?? member.role;
        throw error;
      }
      select.dataset.saved = role;
      setDone(t("members.roleChanged", { name: member.displayName, role: roleName(role) }));
    });
  };

  return (
    <>
      <FormAlert form={form} />
      <SuccessNotice message={done()} />
      <Show when={props.members.length} fallback={<p>{t("members.none")}</p>}>
        <ul class="item-list">
          <For each={props.members}>
            {(member) => (
              <li class="item">
                <div class="item__main">
                  <p class="item__title">
                    {member.displayName} <span class="handle">@{member.handle}</span>
                  </p>
                  <Show when={member.sponsored}>
                    <p><span class="badge">{t("members.sponsoredBadge")}</span></p>
                  </Show>
                  <Show when={member.sponsors.length}>
                    <p>{t("members.sponsoredBy", { names: member.sponsors.map(nameOf).join(", ") })}</p>
                  </Show>
                  <p class="muted">{t("members.joined", { date: formatDate(member.joinedAt) })}</p>
                </div>
                <Show when={props.canEdit} fallback={<p class="badge badge--role">{roleName(member.role)}</p>}>
                  <div class="item__side">
                    <label for={`role-${member.handle}`}>{t("members.roleOf", { name: member.displayName })}</label>
                    <select
                      id={`role-${member.handle}`}
                      disabled={form.busy()}
                      onChange={(e) => changeRole(member, e.currentTarget)}
                    >
                      <For each={roles}>
                        {(role) => <option value={role} selected={role === member.role}>{roleName(role)}</option>}
                      </For>
                    </select>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
