import "./commons.css";
import { useSearchParams } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import { Bookings } from "./Bookings.tsx";
import { BackLink } from "../components/BackLink.tsx";
import { ErrorNotice, Loading } from "../components/Notice.tsx";
import { ResourceDetail } from "./ResourceDetail.tsx";
import { TakeIn } from "./TakeIn.tsx";
import { commonsApi } from "./api.ts";
import { t } from "../i18n/index.ts";

/** `/commons/shared?ref=…&from=…`: a resource a partner network on another instance shared. */
export default function SharedResourcePage() {
  const [search] = useSearchParams<{ ref?: string; from?: string }>();
  const [data] = createResource(() => search.ref, commonsApi.shared);
  return (
    <div class="page page--narrow">
      <BackLink href={search.from ? `/n/${search.from}/commons` : "/"} label={t("commons.title")} />
      <Switch fallback={<Loading />}>
        <Match when={data.state === "errored"}>
          <ErrorNotice message={t("commons.notFound")} />
        </Match>
        <Match when={data.latest?.resource} keyed>
          {(resource) => (
            <>
              <ResourceDetail resource={resource} />
              <TakeIn resource={resource} from={search.from} />
              <Show when={resource.available !== false && (resource.kind === "materiel" || resource.kind === "lieu")}>
                <Bookings resource={resource} owner={null} />
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
