// The calendar of a matériel or lieu, a request form for the networks of the
// reader, and the owner's animators' decisions.
import { createResource, createSignal, For, Show } from "solid-js";
import { commonsApi } from "./api.ts";
import type { Resource } from "./types.ts";
import { createForm } from "../forms.ts";
import { formatDateTime, t, type MessageKey } from "../i18n/index.ts";
import { session } from "../session.ts";
import { SelectField, TextField } from "../components/Field.tsx";
import { FormAlert, Loaded, SuccessNotice } from "../components/Notice.tsx";

const iso = (local: string) => (local ? new Date(local).toISOString() : "");

/** `owner` is the owner network's slug; null for a partner's resource on another instance (we can only ask). */
export function Bookings(props: { resource: Resource; owner: string | null }) {
  const remote = () => props.owner === null;
  const [data, { refetch }] = createResource(() => (remote() ? undefined : props.resource.id), commonsApi.bookings);
  const mine = () => session()?.memberships ?? [];
  const animatorHere = () => mine().some((m) => m.network.slug === props.owner && (m.role === "animator" || m.role === "pilot"));
  const form = createForm("booking", ["network", "startsAt", "endsAt", "message"]);
  const [network, setNetwork] = createSignal(mine()[0]?.network.slug ?? "");
  const [start, setStart] = createSignal("");
  const [end, setEnd] = createSignal("");
  const [done, setDone] = createSignal<string>();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!start()) return form.fail("startsAt", t("field.missing"));
    if (!end()) return form.fail("endsAt", t("field.missing"));
    form.submit(async () => {
      const body = { network: network(), startsAt: iso(start()), endsAt: iso(end()) };
      if (remote()) await commonsApi.bookShared({ ...body, ref: props.resource.id });
      else await commonsApi.book(props.resource.id, body);
      setDone(t("commons.booked"));
      if (!remote()) await refetch();
    });
  };
  const decide = async (id: string, decision: "accept" | "decline") => {
    await form.submit(async () => { await commonsApi.decide(id, decision); await refetch(); });
  };
  return (
    <section class="card" aria-labelledby="bookings">
      <h2 id="bookings">{t("commons.bookings")}</h2>
      <Show when={!remote()}>
      <Loaded data={data}>
        {({ bookings }) => (
          <Show when={bookings.length} fallback={<p>{t("commons.noBookings")}</p>}>
            <ul class="resource-list">
              <For each={bookings}>
                {(b) => (
                  <li>
                    <strong>{formatDateTime(b.startsAt)} → {formatDateTime(b.endsAt)}</strong> — {b.network.name}{" "}
                    <span class="badge">{t(`commons.state.${b.state}` as MessageKey)}</span>
                    <Show when={animatorHere() && b.state === "requested"}>
                      <span class="actions">
                        <button type="button" class="button" onClick={() => decide(b.id, "accept")}>{t("commons.accept")}</button>
                        <button type="button" class="button" onClick={() => decide(b.id, "decline")}>{t("commons.decline")}</button>
                      </span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Loaded>
      </Show>
      <Show when={mine().length}>
        <form onSubmit={submit} noValidate aria-labelledby="book-title">
          <h3 id="book-title">{t("commons.book")}</h3>
          <FormAlert form={form} />
          <SuccessNotice message={done()} />
          <SelectField form={form} name="network" label={t("commons.bookFor")} noMark value={network()} onValue={setNetwork}
            options={mine().map((m) => ({ value: m.network.slug, label: m.network.name }))} />
          <TextField form={form} name="startsAt" type="datetime-local" label={t("commons.bookStart")} required value={start()} onValue={setStart} />
          <TextField form={form} name="endsAt" type="datetime-local" label={t("commons.bookEnd")} required value={end()} onValue={setEnd} />
          <button type="submit" class="button button--primary" disabled={form.busy()}>{t("commons.book")}</button>
        </form>
      </Show>
    </section>
  );
}
