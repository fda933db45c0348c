// A network's partnerships, by what they need: requests to answer, current
// partners, requests sent, and the past ones.
import { For, Show, type JSX } from "solid-js";
import { api } from "../api.ts";
import type { Partnership, PartnershipState } from "../federation-types.ts";
import { createForm } from "../forms.ts";
import { formatDate, t, type MessageKey } from "../i18n/index.ts";
import { FormAlert } from "./Notice.tsx";
import { PartnerLink } from "./PartnersSection.tsx";

export const partnerName = (p: Partnership) => p.partner.name?.trim() || p.partner.handle || p.partner.actorId;

interface Props {
  slug: string;
  partnerships: Partnership[];
  onChange: (message: string) => void;
}

export function PartnershipList(props: Props) {
  const form = createForm("partnerships", []);
  const of = (...states: PartnershipState[]) => props.partnerships.filter((p) => states.includes(p.state));

  const act = (p: Partnership, run: () => Promise<unknown>, done: MessageKey, confirm?: MessageKey) => {
    const name = partnerName(p);
    if (confirm && !window.confirm(t(confirm, { name }))) return;
    form.submit(async () => {
      await run();
      props.onChange(t(done, { name }));
    });
  };
  const accept = (p: Partnership) => act(p, () => api.decidePartnership(props.slug, p.id, "accept"), "partnerships.accepted");
  const decline = (p: Partnership) => act(p, () => api.decidePartnership(props.slug, p.id, "decline"), "partnerships.declined");
  const end = (p: Partnership) => act(p, () => api.endPartnership(props.slug, p.id), "partnerships.ended", "partnerships.endConfirm");
  const withdraw = (p: Partnership) =>
    act(p, () => api.endPartnership(props.slug, p.id), "partnerships.withdrawn", "partnerships.withdrawConfirm");

  const button = (label: MessageKey, labelOf: MessageKey, p: Partnership, onClick: () => void, kind = "") => (
    <button type="button" class={`button ${kind}`} disabled={form.busy()} onClick={onClick}
      aria-label={t(labelOf, { name: partnerName(p) })}>
      {t(label)}
    </button>
  );

  return (
    <>
      <FormAlert form={form} />
      <Group id="incoming" title={t("partnerships.incoming")} empty={t("partnerships.incomingNone")} items={of("incoming")}
        actions={(p) => (
          <>
            {button("partnerships.accept", "partnerships.acceptOf", p, () => accept(p), "button--primary")}
            {button("partnerships.decline", "partnerships.declineOf", p, () => decline(p), "button--danger-outline")}
          </>
        )} />
      <Group id="active" title={t("partnerships.active")} empty={t("partnerships.activeNone")} items={of("active")}
        actions={(p) => button("partnerships.end", "partnerships.endOf", p, () => end(p), "button--danger-outline")} />
      <Group id="outgoing" title={t("partnerships.outgoing")} empty={t("partnerships.outgoingNone")} items={of("outgoing")}
        actions={(p) => button("partnerships.withdraw", "partnerships.withdrawOf", p, () => withdraw(p), "button--danger-outline")} />
      <Show when={of("declined", "ended").length}>
        <Group id="history" title={t("partnerships.history")} empty="" items={of("declined", "ended")} />
      </Show>
    </>
  );
}

function Group(props: {
  id: string;
  title: string;
  empty: string;
  items: Partnership[];
  actions?: (p: Partnership) => JSX.Element;
}) {
  return (
    <section class="card" aria-labelledby={`partnerships-${props.id}`}>
      <h2 id={`partnerships-${props.id}`}>{props.title}</h2>
      <Show when={props.items.length} fallback={<p>{props.empty}</p>}>
        <ul class="item-list">
          <For each={props.items}>
            {(p) => (
              <li class="item" classList={{ "item--faded": p.state === "declined" || p.state === "ended" }}>
                <div class="item__main">
                  <p class="item__title"><PartnerLink partner={p.partner} /></p>
                  <Show when={p.partner.handle}><p class="handle">{p.partner.handle}</p></Show>
                  <p>
                    <span class={`badge badge--${p.state}`}>{t(`partnerships.state.${p.state}` as MessageKey)}</span>{" "}
                    {p.state === "active" && p.decidedAt
                      ? t("partnerships.since", { date: formatDate(p.decidedAt) })
                      : t("partnerships.requestedAt", { date: formatDate(p.requestedAt) })}
                  </p>
                  <Show when={p.partner.summary?.trim()}>
                    <p class="text-block partner__summary">{p.partner.summary}</p>
                  </Show>
                  <Show when={p.message.trim() && (p.state === "incoming" || p.state === "outgoing")}>
                    <blockquote class="quote">
                      <strong>{t(p.state === "incoming" ? "partnerships.theirMessage" : "partnerships.yourMessage")}</strong>{" "}
                      <span class="text-block">{p.message}</span>
                    </blockquote>
                  </Show>
                </div>
                <Show when={props.actions}>
                  {(actions) => <div class="item__actions">{actions()(p)}</div>}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
