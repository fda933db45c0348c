import { useParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { ErrorNotice, Loaded, SuccessNotice } from "../components/Notice.tsx";
import { PartnershipList } from "../components/PartnershipList.tsx";
import { PartnershipRequestForm } from "../components/PartnershipRequestForm.tsx";
import { PendingFollowers } from "../components/PendingFollowers.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { api } from "../api.ts";
import { t } from "../i18n/index.ts";
import { canAnimate, createNetworkResource } from "../network.ts";

/** `/n/:slug/partners`: animators ask, answer and end partnerships, and approve followers. */
export default function Partners() {
  const params = useParams<{ slug: string }>();
  const [data] = createNetworkResource(() => params.slug);
  return (
    <RequireLogin>
      <Loaded data={data}>
        {({ network, myRole }) => (
          <div class="page">
            <BackLink href={`/n/${network.slug}`} label={network.name} />
            <h1>{t("partnerships.title", { network: network.name })}</h1>
            <Show when={canAnimate(myRole)} fallback={<ErrorNotice message={t("partnerships.only")} />}>
              <p class="lead">{t("partnerships.intro")}</p>
              <PartnershipsOf slug={network.slug} />
              <PendingFollowers slug={network.slug} approvesFollowers={network.approvesFollowers} />
            </Show>
          </div>
        )}
      </Loaded>
    </RequireLogin>
  );
}

function PartnershipsOf(props: { slug: string }) {
  const [list, { refetch }] = createResource(() => props.slug, api.partnerships);
  const [done, setDone] = createSignal<string>();
  const changed = (message: string) => {
    setDone(message);
    void refetch();
  };
  return (
    <>
      <SuccessNotice message={done()} />
      <Loaded data={list}>
        {({ partnerships }) => <PartnershipList slug={props.slug} partnerships={partnerships} onChange={changed} />}
      </Loaded>
      <PartnershipRequestForm slug={props.slug} onSent={changed} />
    </>
  );
}
