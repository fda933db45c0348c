// `/n/:slug/offers`: search and browse the open offers and requests (the
// network's, and for members those partner and followed networks share),
// filter by theme and kind; post one.
import { useNavigate, useParams } from "@solidjs/router";
import { RefLookup } from "../print/RefLookup.tsx";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api.ts";
import { SelectField, TextField } from "../components/Field.tsx";
import { ErrorNotice, FormAlert, Loading, valueOf } from "../components/Notice.tsx";
import { OfferCard, offerPath, themeLabel } from "./OfferCard.tsx";
import { OfferForm } from "./OfferForm.tsx";
import { createForm, problemOf } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { createNetworkResource } from "../network.ts";
import { offersApi, type OfferFilters, type OfferKind } from "./api.ts";
import { createPagedList } from "../paging.ts";
import "./offers.css";

export default function Offers() {
  const params = useParams<{ slug: string }>();
  const navigate = useNavigate();
  const [network] = createNetworkResource(() => params.slug);
  const [themes] = createResource(() => params.slug, async (slug) => (await api.themes(slug)).themes);
  const filterForm = createForm("offers-filter", ["q", "theme", "kind", "sort"]);
  const [q, setQ] = createSignal("");
  const [theme, setTheme] = createSignal("");
  const [kind, setKind] = createSignal("");
  const [sort, setSort] = createSignal<"recent" | "relevance">("recent");
  const [applied, setApplied] = createSignal<OfferFilters>({});
  const [posting, setPosting] = createSignal<OfferKind | null>(null);
  const isMember = () => Boolean(valueOf(network)?.myRole);

  const paged = createPagedList({
    source: () => JSON.stringify([params.slug, applied()]),
    fetchPage: async (cursor) => (await offersApi.list(params.slug, applied(), cursor)).offers,
    cursorOf: (o) => o.cursor ?? "",
    formName: "offers-more",
  });
  const apply = (event?: SubmitEvent) => {
    event?.preventDefault();
    setApplied({ q: q().trim() || undefined, theme: theme() || undefined, kind: kind() || undefined, sort: q().trim() ? sort() : "recent" });
  };

  return (
    <div class="page offers-page">
      <h1>{t("offers.title")}</h1>
      <p class="lead">{t("offers.intro")}</p>
      <Show when={isMember() && !posting()}>
        <p class="actions">
          <button type="button" class="button button--primary" onClick={() => setPosting("offer")}>{t("offers.newOffer")}</button>
          <button type="button" class="button button--primary" onClick={() => setPosting("request")}>{t("offers.newRequest")}</button>
        </p>
      </Show>
      <Show when={posting()}>
        {(k) => <OfferForm slug={params.slug} kind={k()} onCancel={() => setPosting(null)} onPosted={(o) => navigate(offerPath(o))} />}
      </Show>
      <Show when={isMember()}><RefLookup slug={params.slug} /></Show>
      <form class="card offers-filter" role="search" onSubmit={apply} noValidate>
        <FormAlert form={filterForm} />
        <TextField form={filterForm} name="q" type="search" label={t("offers.search")} hint={t("offers.searchHint")} value={q()} onValue={setQ} />
        {/* Folded, so that on a phone the list comes right after the search. */}
        <details class="filters" open={Boolean(theme() || kind())}>
          <summary>{t("offers.moreFilters")}</summary>
          <div class="field-row">
          <SelectField form={filterForm} name="theme" label={t("offers.theme")} noMark value={theme()} onValue={setTheme}
            options={[{ value: "", label: t("offers.allThemes") }, ...(valueOf(themes) ?? []).map((th) => ({ value: th.slug, label: themeLabel(th) }))]} />
          <SelectField form={filterForm} name="kind" label={t("offers.kind")} noMark value={kind()} onValue={setKind}
            options={[{ value: "", label: t("offers.allKinds") }, { value: "offer", label: t("offers.kindOffer") }, { value: "request", label: t("offers.kindRequest") }]} />
          <SelectField form={filterForm} name="sort" label={t("offers.sort")} noMark value={sort()} onValue={(v) => setSort(v as "recent" | "relevance")}
            options={[{ value: "recent", label: t("offers.sortRecent") }, { value: "relevance", label: t("offers.sortRelevance") }]} />
          </div>
        </details>
        <button type="submit" class="button button--primary">{t("offers.searchButton")}</button>
      </form>
      <Show when={paged.firstPage.state !== "errored"} fallback={<ErrorNotice message={problemOf(paged.firstPage.error).message} />}>
        <Show when={valueOf(paged.firstPage)} fallback={<Loading />}>
          <Show when={paged.items().length} fallback={<p class="card">{applied().q ? t("offers.noneFound") : t("offers.none")}</p>}>
            <ol class="offer-list" aria-live="polite">
              <For each={paged.items()}>{(offer) => <li><OfferCard offer={offer} /></li>}</For>
            </ol>
          </Show>
        </Show>
      </Show>
      <FormAlert form={paged.more} />
      <Show when={paged.hasMore()}>
        <button type="button" class="button load-more" disabled={paged.more.busy()} onClick={paged.loadMore}>{t("offers.loadMore")}</button>
      </Show>
    </div>
  );
}
