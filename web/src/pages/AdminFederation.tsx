import { createResource, createSignal, For, Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { TextField } from "../components/Field.tsx";
import { ErrorNotice, FormAlert, Loaded, SuccessNotice } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { api } from "../api.ts";
import type { DomainBlock } from "../federation-types.ts";
import { createForm } from "../forms.ts";
import { DeliveryHosts } from "./AdminDeliveries.tsx";
import { formatDate, t } from "../i18n/index.ts";
import { session } from "../session.ts";

/** `/admin/federation`: the instance admin blocks and unblocks domains of the fediverse, and sees how deliveries to each server go. */
export default function AdminFederation() {
  return (
    <RequireLogin>
      <div class="page page--narrow">
        <BackLink href="/admin/networks" label={t("admin.title")} />
        <h1>{t("blocks.title")}</h1>
        <Show when={session()?.member.isAdmin} fallback={<ErrorNotice message={t("blocks.only")} />}>
          <p class="lead">{t("blocks.intro")}</p>
          <DomainBlocks />
          <DeliveryHosts />
        </Show>
      </div>
    </RequireLogin>
  );
}

function DomainBlocks() {
  const [list, { refetch }] = createResource(api.domainBlocks);
  const [done, setDone] = createSignal<string>();
  const changed = (message: string) => {
    setDone(message);
    void refetch();
  };
  return (
    <>
      <BlockForm onBlocked={changed} />
      <section class="card" aria-labelledby="blocks-list">
        <h2 id="blocks-list">{t("blocks.list")}</h2>
        <SuccessNotice message={done()} />
        <Loaded data={list}>{({ blocks }) => <BlockList blocks={blocks} onChange={changed} />}</Loaded>
      </section>
    </>
  );
}

function BlockForm(props: { onBlocked: (message: string) => void }) {
  const form = createForm("block", ["host", "reason"]);
  const [host, setHost] = createSignal("");
  const [reason, setReason] = createSignal("");
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!host().trim()) return form.fail("host", t("field.missing"));
    form.submit(async () => {
      await api.blockDomain({ host: host().trim(), ...(reason().trim() ? { reason: reason().trim() } : {}) });
      props.onBlocked(t("blocks.added", { host: host().trim().toLowerCase() }));
      setHost("");
      setReason("");
    });
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="block-title">
      <h2 id="block-title">{t("blocks.add")}</h2>
      <FormAlert form={form} />
      <TextField form={form} name="host" label={t("blocks.host")} hint={t("blocks.hostHint")} required
        autocapitalize="none" autocomplete="off" maxLength={300} value={host()} onValue={setHost} />
      <TextField form={form} name="reason" label={t("blocks.reason")} hint={t("blocks.reasonHint")}
        maxLength={500} value={reason()} onValue={setReason} />
      <button type="submit" class="button button--danger" disabled={form.busy()}>{t("blocks.submit")}</button>
    </form>
  );
}

function BlockList(props: { blocks: DomainBlock[]; onChange: (message: string) => void }) {
  const form = createForm("unblock", []);
  const unblock = (block: DomainBlock) => {
    if (!window.confirm(t("blocks.removeConfirm", { host: block.host }))) return;
    form.submit(async () => {
      await api.unblockDomain(block.host);
      props.onChange(t("blocks.removed", { host: block.host }));
    });
  };
  return (
    <>
      <FormAlert form={form} />
      <Show when={props.blocks.length} fallback={<p>{t("blocks.none")}</p>}>
        <ul class="item-list">
          <For each={props.blocks}>
            {(block) => (
              <li class="item">
                <div class="item__main">
                  <p class="item__title code-like">{block.host}</p>
                  <Show when={block.reason}><p>{block.reason}</p></Show>
                  <p class="muted">{t("blocks.since", { date: formatDate(block.createdAt) })}</p>
                </div>
                <button type="button" class="button" disabled={form.busy()} onClick={() => unblock(block)}
                  aria-label={t("blocks.removeOf", { host: block.host })}>
                  {t("blocks.remove")}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
