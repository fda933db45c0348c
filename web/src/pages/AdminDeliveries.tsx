import { createResource, createSignal, For, Show } from "solid-js";
import type { DeliveryHostView } from "../../../server/domain/deliveries/hosts.ts";
import { FormAlert, Loaded, SuccessNotice } from "../components/Notice.tsx";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { formatDateTime, t, tn } from "../i18n/index.ts";

/** On `/admin/federation`: per remote server, deliveries waiting, given up, the last error, a pause and "retry now". */
export function DeliveryHosts() {
  const [list, { refetch }] = createResource(api.deliveryHosts);
  const [done, setDone] = createSignal<string>();
  const form = createForm("deliveries", []);
  const retry = (host: string) =>
    form.submit(async () => {
      await api.retryDeliveries(host);
      setDone(t("deliveries.retried", { host }));
      void refetch();
    });
  return (
    <section class="card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">{t("deliveries.title")}</h2>
      <p>{t("deliveries.intro")}</p>
      <SuccessNotice message={done()} />
      <FormAlert form={form} />
      <Loaded data={list}>
        {({ hosts }) => (
          <Show when={hosts.length} fallback={<p>{t("deliveries.none")}</p>}>
            <ul class="item-list">
              <For each={hosts}>{(host) => <HostItem host={host} busy={form.busy()} onRetry={retry} />}</For>
            </ul>
          </Show>
        )}
      </Loaded>
      <button type="button" class="button" onClick={() => void refetch()}>{t("deliveries.refresh")}</button>
    </section>
  );
}

function HostItem(props: { host: DeliveryHostView; busy: boolean; onRetry: (host: string) => void }) {
  const h = () => props.host;
  const error = () => {
    const last = h().lastError;
    if (!last) return "";
    const what = [last.status, last.text].filter((part) => part !== null && part !== "").join(" ");
    return t("deliveries.lastError", { date: formatDateTime(last.at), error: what || t("deliveries.noAnswer") });
  };
  return (
    <li class="item">
      <div class="item__main">
        <p class="item__title code-like">{h().host}</p>
        <p>
          <Show when={h().pausedUntil} fallback={<span>{t("deliveries.ok")}</span>}>
            {(until) => <strong>{t("deliveries.paused", { time: formatDateTime(until()) })}</strong>}
          </Show>
        </p>
        <p class="muted">
          {tn("deliveries.pending", h().pending)} · {tn("deliveries.failed", h().failed)}
        </p>
        <Show when={h().lastSuccessAt}>{(at) => <p class="muted">{t("deliveries.lastSuccess", { date: formatDateTime(at()) })}</p>}</Show>
        <Show when={h().lastError}><p class="muted">{error()}</p></Show>
      </div>
      <Show when={h().pausedUntil || h().pending > 0}>
        <button type="button" class="button" disabled={props.busy} onClick={() => props.onRetry(h().host)}
          aria-label={t("deliveries.retryOf", { host: h().host })}>
          {t("deliveries.retry")}
        </button>
      </Show>
    </li>
  );
}
