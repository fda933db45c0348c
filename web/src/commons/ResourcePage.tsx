import "./commons.css";
import { useParams, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { Bookings } from "./Bookings.tsx";
import { ErrorNotice, Loaded, Loading, SuccessNotice } from "../components/Notice.tsx";
import { ResourceDetail } from "./ResourceDetail.tsx";
import { ResourceEdit } from "./ResourceEdit.tsx";
import { TakeIn } from "./TakeIn.tsx";
import { commonsApi } from "./api.ts";
import type { Resource } from "./types.ts";
import { formatDateTime, t } from "../i18n/index.ts";
import { session } from "../session.ts";
import { Reactions } from "../components/Reactions.tsx";
import { HiddenNotice } from "../moderation/HiddenNotice.tsx";
import { ReportButton } from "../moderation/ReportButton.tsx";

/** `/n/:slug/r/:id`: one resource (also its ActivityPub id), its versions and, for matériel and lieux, its bookings. */
export default function ResourcePage() {
  const params = useParams<{ slug: string; id: string }>();
  const [search] = useSearchParams<{ from?: string; added?: string; adapted?: string }>();
  const [data, { mutate }] = createResource(() => params.id, commonsApi.resource);
  const [saved, setDone] = createSignal<string>();
  // The same page component shows the next resource (an adaptation just made): the notice follows the address.
  const done = () => saved() ?? (search.added ? t("commons.added") : search.adapted ? t("commons.adapted") : undefined);
  const member = () => session()?.memberships.find((m) => m.network.slug === params.slug);
  const from = () => search.from ?? member()?.network.slug ?? session()?.memberships[0]?.network.slug;
  return (
    <div class="page page--narrow">
      <BackLink href={`/n/${from() ?? params.slug}/commons`} label={t("commons.title")} />
      <Switch fallback={<Loading />}>
        <Match when={data.state === "errored"}>
          <ErrorNotice message={t("commons.notFound")} />
        </Match>
        <Match when={data.latest?.resource} keyed>
          {(resource) => (
            <>
              <SuccessNotice message={done()} />
              <Show when={data.latest?.hidden}>
                {(h) => <HiddenNotice type="resource" id={resource.id} hidden={h()} mine={member()?.role === "member"} />}
              </Show>
              <ResourceDetail resource={resource} />
              <ReportButton type="resource" id={resource.id} label={t("report.resource")} />
              <Show when={data.latest?.reactions}>
                {(reactions) => <Reactions reactions={reactions()} visibility={resource.visibility ?? "network"} headingId="resource-replies" heading="h2" />}
              </Show>
              <TakeIn resource={resource} from={from()} />
              <Show when={resource.kind === "materiel" || resource.kind === "lieu"}>
                <Bookings resource={resource} owner={params.slug} />
              </Show>
              <Show when={member()}>
                <ResourceEdit resource={resource} onSaved={(r) => { mutate({ resource: r, reactions: data.latest?.reactions }); setDone(t("commons.saved")); }} />
              </Show>
              <Versions resource={resource} />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}

function Versions(props: { resource: Resource }) {
  const [versions] = createResource(() => `${props.resource.id}#${props.resource.version}`, () => commonsApi.versions(props.resource.id));
  const [shown, setShown] = createSignal<{ number: number; bodyHtml: string; title: string }>();
  return (
    <section class="card" aria-labelledby="versions">
      <h2 id="versions">{t("commons.versions")}</h2>
      <Loaded data={versions}>
        {({ versions }) => (
          <ul class="link-list">
            <For each={versions}>
              {(v) => (
                <li>
                  <button type="button" class="button" onClick={async () => setShown((await commonsApi.version(props.resource.id, v.number)).version)}>
                    {t("commons.showVersion", { number: v.number })} — {v.title} ({formatDateTime(v.createdAt)}{v.editedBy ? `, ${v.editedBy}` : ""})
                  </button>
                </li>
              )}
            </For>
          </ul>
        )}
      </Loaded>
      <Show when={shown()}>
        {(v) => (
          <div class="resource__version">
            <h3>{t("commons.version", { number: v().number })} : {v().title}</h3>
            <div class="rich" innerHTML={v().bodyHtml} />
          </div>
        )}
      </Show>
    </section>
  );
}
