import { For, Show, createMemo, createSignal } from "solid-js";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { formatDate, t, type MessageKey } from "../i18n/index.ts";
import type { MemberOfNetwork, Role } from "../types.ts";
import { HOUSEHOLDS_LIST, HouseholdField } from "./HouseholdField.tsx";
import { FormAlert, SuccessNotice } from "./Notice.tsx";
import { ResetCodeButton } from "../mail/ResetCodeButton.tsx";
import { session } from "../session.ts";
import { ReportButton } from "../moderation/ReportButton.tsx";

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
  // Households as saved in this page, to suggest the labels already in use.
  const [households, setHouseholds] = createSignal<Record<string, string | null>>({});
  const knownHouseholds = createMemo(() => {
    const saved = households();
    const labels = props.members.map((m) => (m.handle in saved ? saved[m.handle] : m.household));
    return [...new Set(labels.filter((l): l is string => !!l))].sort((a, b) => a.localeCompare(b, "fr"));
  });
  const nameOf = (handle: string) => props.members.find((m) => m.handle === handle)?.displayName ?? handle;

  // A role changes only once confirmed: the select shows the choice, a question asks.
  const [pending, setPending] = createSignal<{ member: MemberOfNetwork; role: Role; select: HTMLSelectElement }>();
  const savedRole = (p: { member: MemberOfNetwork; select: HTMLSelectElement }) => (p.select.dataset.saved as Role | undefined) ?? p.member.role;
  const cancel = () => {
    const p = pending();
    if (p) p.select.value = savedRole(p);
    setPending(undefined);
    p?.select.focus();
  };
  const confirm = () => {
    const p = pending();
    if (!p) return;
    setDone(undefined);
    form.submit(async () => {
      try {
        await api.changeRole(props.slug, p.member.handle, p.role);
      } catch (error) {
        p.select.value = savedRole(p);
        setPending(undefined);
        throw error;
      }
      p.select.dataset.saved = p.role;
      setPending(undefined);
      setDone(t("members.roleChanged", { name: p.member.displayName, role: roleName(p.role) }));
    });
  };

  return (
    <>
      <FormAlert form={form} />
      <SuccessNotice message={done()} />
      <Show when={props.canEdit}>
        <datalist id={HOUSEHOLDS_LIST}>
          <For each={knownHouseholds()}>{(label) => <option value={label} />}</For>
        </datalist>
      </Show>
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
                  <Show when={props.canEdit}>
                    <HouseholdField slug={props.slug} member={member} onSaved={(label) => setHouseholds({ ...households(), [member.handle]: label })} />
                  </Show>
                  <Show when={member.handle !== session()?.member.handle}>
                    <ReportButton type="member" id={member.handle} network={props.slug} label={t("report.member", { name: member.displayName })} />
                  </Show>
                  <Show when={(props.canEdit || member.sponsors.includes(session()?.member.handle ?? "")) && member.handle !== session()?.member.handle}>
                    <ResetCodeButton slug={props.slug} handle={member.handle} displayName={member.displayName} />
                  </Show>
                </div>
                <Show when={props.canEdit} fallback={<p class="badge badge--role">{roleName(member.role)}</p>}>
                  <div class="item__side">
                    <label for={`role-${member.handle}`}>{t("members.roleOf", { name: member.displayName })}</label>
                    <select
                      id={`role-${member.handle}`}
                      disabled={form.busy()}
                      onChange={(e) => {
                        const select = e.currentTarget;
                        const previous = pending();
                        if (previous && previous.select !== select) previous.select.value = savedRole(previous);
                        setPending({ member, role: select.value as Role, select });
                      }}
                    >
                      <For each={roles}>
                        {(role) => <option value={role} selected={role === member.role}>{roleName(role)}</option>}
                      </For>
                    </select>
                    <Show when={pending()?.member.handle === member.handle && pending()}>
                      {(p) => (
                        <div class="role-confirm" role="group" aria-label={t("members.roleConfirmLabel")}>
                          <p>{t("members.roleQuestion", { name: member.displayName, from: roleName(savedRole(p())), to: roleName(p().role) })}</p>
                          <div class="actions">
                            <button type="button" class="button button--primary button--small" disabled={form.busy()} onClick={confirm}>{t("members.roleConfirm")}</button>
                            <button type="button" class="button button--small" onClick={cancel}>{t("app.cancel")}</button>
                          </div>
                        </div>
                      )}
                    </Show>
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
