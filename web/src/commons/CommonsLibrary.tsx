import "./commons.css";
import { A, useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { Loaded, valueOf } from "../components/Notice.tsx";
import { ResourceForm } from "./ResourceForm.tsx";
import { commonsApi, itemHref } from "./api.ts";
import { licences, resourceKinds, type LibraryFilters, type LibraryItem } from "./types.ts";
import { formatDateTime, lang, t, type MessageKey } from "../i18n/index.ts";
import { api } from "../api.ts";
import { createNetworkResource } from "../network.ts";

/** `/n/:slug/commons`: the library with what partner networks share; search and filters. */
export default function CommonsLibrary() {
  const params = useParams<{ slug: string }>();
  const navigate = useNavigate();
  const [network] = createNetworkResource(() => params.slug);
  const [filters, setFilters] = createSignal<LibraryFilters>({});
  const [items] = createResource(() => ({ slug: params.slug, ...filters() }), ({ slug, ...f }) => commonsApi.library(slug, f));
  const [adding, setAdding] = createSignal(false);
  const [q, setQ] = createSignal("");
  const [kind, setKind] = createSignal("");
  const [licence, setLicence] = createSignal("");
  const [theme, setTheme] = createSignal("");
  const [themes] = createResource(() => params.slug, api.themes);
  const [scope, setScope] = createSignal<LibraryFilters["scope"]>("all");

  const search = (event: SubmitEvent) => {
    event.preventDefault();
    setFilters({ q: q().trim() || undefined, kind: kind() || undefined, theme: theme() || undefined, licence: licence() || undefined, scope: scope() });
  };

  return (
    <Loaded data={network}>
      {({ network, myRole }) => (
        <div class="page">
          <BackLink href={`/n/${network.slug}`} label={network.name} />
          <h1>{t("commons.title")}</h1>
          <p>{t("commons.intro")}</p>
          <Show when={myRole}>
            <AddResource slug={network.slug} adding={adding()} setAdding={setAdding}
              onAdded={(r) => navigate(`/n/${network.slug}/r/${r.id}?added=1`)} />
          </Show>
          <form class="card commons-search" role="search" onSubmit={search}>
            <div class="field">
              <label for="commons-q">{t("commons.searchLabel")}</label>
              <input id="commons-q" type="search" value={q()} onInput={(e) => setQ(e.currentTarget.value)} />
            </div>
            {/* Folded, so that on a phone the list comes right after the search. */}
            <details class="filters" open={Boolean(kind() || theme() || licence() || scope() !== "all")}>
            <summary>{t("commons.moreFilters")}</summary>
            <Filter id="commons-kind" label={t("commons.kindLabel")} value={kind()} onValue={setKind}
              options={resourceKinds.map((k) => [k, t(`commons.kind.${k}` as MessageKey)])} />
            <Filter id="commons-theme" label={t("commons.themeLabel")} value={theme()} onValue={setTheme}
              options={(valueOf(themes)?.themes ?? []).map((th) => [th.slug, lang() === "fr" ? th.labelFr : th.labelEn])} />
            <Filter id="commons-licence" label={t("commons.licenceLabel")} value={licence()} onValue={setLicence}
              options={licences.map((l) => [l, t(`commons.licence.${l}` as MessageKey)])} />
            <Filter id="commons-scope" label={t("commons.scopeLabel")} value={scope() ?? "all"} onValue={(v) => setScope(v as LibraryFilters["scope"])} noAny
              options={(["all", "own", "partners"] as const).map((s) => [s, t(`commons.scope.${s}`)])} />
            </details>
            <button type="submit" class="button button--primary">{t("commons.search")}</button>
          </form>
          <Loaded data={items}>
            {({ items }) => (
              <Show when={items.length} fallback={<p>{t("commons.none")}</p>}>
                <ul class="resource-list">
                  <For each={items}>{(item) => <Item item={item} from={network.slug} />}</For>
                </ul>
              </Show>
            )}
          </Loaded>
          <Show when={myRole}>
            <References slug={network.slug} />
            <OutgoingBookings slug={network.slug} />
          </Show>
        </div>
      )}
    </Loaded>
  );
}

function Filter(props: { id: string; label: string; value: string; onValue: (v: string) => void; options: [string, string][]; noAny?: boolean }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} onChange={(e) => props.onValue(e.currentTarget.value)}>
        <Show when={!props.noAny}>
          <option value="" selected={props.value === ""}>{t("commons.any")}</option>
        </Show>
        <For each={props.options}>{([value, label]) => <option value={value} selected={value === props.value}>{label}</option>}</For>
      </select>
    </div>
  );
}

function Item(props: { item: LibraryItem; from: string }) {
  const i = () => props.item;
  return (
    <li class="card resource-item">
      <h2><A href={itemHref(i(), props.from)}>{i().title}</A></h2>
      <p class="facts">
        <span class="badge">{t(`commons.kind.${i().kind}` as MessageKey)}</span>
        <span>{i().own ? t("commons.ours") : t("commons.from", { network: i().source.name })}</span>
        <span>{i().licenceLabel}</span>
        <Show when={i().adopted}><span class="badge badge--active">{t("commons.adoptedBadge")}</span></Show>
      </p>
      <Show when={i().summary}><p>{i().summary}</p></Show>
      <For each={i().attribution}>{(line) => <p class="field__hint">{line}</p>}</For>
    </li>
  );
}

function References(props: { slug: string }) {
  const [refs] = createResource(() => props.slug, commonsApi.adopted);
  return (
    <Loaded data={refs}>
      {({ references }) => (
        <Show when={references.length}>
          <section aria-labelledby="references">
            <h2 id="references">{t("commons.references")}</h2>
            <ul class="resource-list">
              <For each={references}>
                {(r) => (
                  <li class="card resource-item">
                    <Show when={r.available !== false} fallback={<p>{r.title ? `${r.title} — ` : ""}{t("commons.unavailable")}</p>}>
                      <h3><A href={itemHref({ id: r.source.local ? r.url.split("/").pop()! : null, ref: r.id, source: r.source }, props.slug)}>{r.title}</A></h3>
                      <p class="facts"><span>{t("commons.from", { network: r.source.name })}</span><span>{r.licenceLabel}</span></p>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </section>
        </Show>
      )}
    </Loaded>
  );
}

function OutgoingBookings(props: { slug: string }) {
  const [data] = createResource(() => props.slug, commonsApi.outgoing);
  return (
    <Loaded data={data}>
      {({ bookings }) => (
        <Show when={bookings.length}>
          <section aria-labelledby="outgoing">
            <h2 id="outgoing">{t("commons.outgoing")}</h2>
            <ul class="resource-list">
              <For each={bookings}>
                {(b) => (
                  <li class="card resource-item">
                    <strong>{b.resource.title}</strong> — {formatDateTime(b.startsAt)} → {formatDateTime(b.endsAt)}{" "}
                    <span class="badge">{t(`commons.state.${b.state}` as MessageKey)}</span>
                  </li>
                )}
              </For>
            </ul>
          </section>
        </Show>
      )}
    </Loaded>
  );
}

/** The add button, or, for a member who may not add here, why not and what to do instead (never a form refused at the end). */
function AddResource(props: { slug: string; adding: boolean; setAdding: (v: boolean) => void; onAdded: (r: { id: string }) => void }) {
  const [permission] = createResource(() => props.slug, async (slug) => (await commonsApi.permission(slug)).settings);
  return (
    <Show when={valueOf(permission)}>
      {(p) => (
        <Show when={p().mayAdd} fallback={<p class="notice notice--block">{t("commons.animatorsOnly")}</p>}>
          <Show when={props.adding} fallback={<p><button type="button" class="button button--primary" onClick={() => props.setAdding(true)}>{t("commons.add")}</button></p>}>
            <ResourceForm slug={props.slug} onCancel={() => props.setAdding(false)} onAdded={props.onAdded} />
          </Show>
        </Show>
      )}
    </Show>
  );
}
