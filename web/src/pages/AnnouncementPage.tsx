import { A, useLocation, useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { HiddenNotice } from "../moderation/HiddenNotice.tsx";
import { AnnouncementItem } from "../components/AnnouncementItem.tsx";
import { mayChange } from "../components/Announcements.tsx";
import { BackLink } from "../components/BackLink.tsx";
import { ErrorNotice, Loaded, Loading, SuccessNotice } from "../components/Notice.tsx";
import { api, ApiError } from "../api.ts";
import { problemOf } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { session } from "../session.ts";

/**
 * `/n/:slug/a/:id`: one announcement. Its address is also its ActivityPub id,
 * so people of the fediverse land here: public ones need no account.
 */
export default function AnnouncementPage() {
  const params = useParams<{ slug: string; id: string }>();
  const location = useLocation();
  const navigate = useNavigate();
  const [data, { mutate }] = createResource(() => params.id, api.announcement);
  // My role decides whether I may edit; visitors have none.
  const [network] = createResource(() => (session() ? params.slug : undefined), api.network);
  const [done, setDone] = createSignal<string>();
  const hidden = () => data.error instanceof ApiError && data.error.status === 404;

  return (
    <div class="page page--narrow">
      <Switch fallback={<Loading />}>
        <Match when={data.state === "errored"}>
          <h1>{t("announcements.title")}</h1>
          <ErrorNotice message={hidden() ? t("announcement.notFound") : problemOf(data.error).message} />
          <Show when={!session()}>
            <p><A href={`/login?next=${encodeURIComponent(location.pathname)}`} class="button">{t("nav.login")}</A></p>
          </Show>
        </Match>
        <Match when={data.state === "ready" || data.state === "refreshing" ? data.latest : undefined} keyed>
          {(found) => (
            <>
              <BackLink href={`/n/${found.network.slug}`} label={found.network.name} />
              <h1>{t("announcement.title", { network: found.network.name })}</h1>
              <SuccessNotice message={done()} />
              <Show when={found.hidden}>
                {(h) => <HiddenNotice type="announcement" id={found.announcement.id} hidden={h()} mine={found.announcement.author?.handle === session()?.member.handle || found.announcement.postedBy === session()?.member.handle} />}
              </Show>
              <div class="card">
                <Show when={session()} fallback={<Item found={found} canChange={false} />}>
                  <Loaded data={network}>
                    {({ myRole }) => (
                      <Item found={found} canChange={mayChange(found.announcement, myRole)}
                        onEdited={(announcement) => { mutate({ ...found, announcement }); setDone(t("announcements.saved")); }}
                        onDeleted={() => navigate(`/n/${found.network.slug}`)} />
                    )}
                  </Loaded>
                </Show>
              </div>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}

type Found = Awaited<ReturnType<typeof api.announcement>>;

function Item(props: { found: Found; canChange: boolean; onEdited?: (a: Found["announcement"]) => void; onDeleted?: () => void }) {
  return (
    <AnnouncementItem announcement={props.found.announcement} networkName={props.found.network.name} level="h2"
      canChange={props.canChange} onEdited={(a) => props.onEdited?.(a)} onDeleted={() => props.onDeleted?.()} />
  );
}
