import { useParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { AddSponsorForm } from "../components/AddSponsorForm.tsx";
import { BackLink } from "../components/BackLink.tsx";
import { MemberList } from "../components/MemberList.tsx";
import { Loaded, valueOf } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { SponsoredForm } from "../components/SponsoredForm.tsx";
import { api } from "../api.ts";
import { t } from "../i18n/index.ts";
import { canAnimate, createNetworkResource } from "../network.ts";

/** `/n/:slug/members`: members, roles and sponsorships. */
export default function Members() {
  const params = useParams<{ slug: string }>();
  const [data] = createNetworkResource(() => params.slug);
  const [list, { refetch }] = createResource(() => params.slug, api.members);

  return (
    <RequireLogin>
      <Loaded data={data}>
        {({ network, myRole }) => (
          <div class="page">
            <BackLink href={`/n/${network.slug}`} label={network.name} />
            <h1>{t("members.title", { network: network.name })}</h1>
            <section class="card">
              <Loaded data={list}>
                {({ members }) => (
                  <MemberList
                    slug={network.slug}
                    members={members}
                    canEdit={canAnimate(myRole)}
                  />
                )}
              </Loaded>
            </section>
            <Show when={canAnimate(myRole) && valueOf(list)}>
              {(latest) => (
                <>
                  <SponsoredForm slug={network.slug} members={latest().members} onCreated={() => void refetch()} />
                  <AddSponsorForm slug={network.slug} members={latest().members} onAdded={() => void refetch()} />
                </>
              )}
            </Show>
          </div>
        )}
      </Loaded>
    </RequireLogin>
  );
}
