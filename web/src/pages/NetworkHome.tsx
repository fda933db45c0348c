import { A, useParams } from "@solidjs/router";
import { createEffect, For, Show } from "solid-js";
import { Announcements } from "../components/Announcements.tsx";
import { CommonsSection } from "../commons/CommonsSection.tsx";
import { Loaded } from "../components/Notice.tsx";
import { PartnerPosts } from "../components/PartnerPosts.tsx";
import { NetworkEvents } from "../events/NetworkEvents.tsx";
import { PartnersSection } from "../components/PartnersSection.tsx";
import { OffersHomeSection } from "../offers/OffersHomeSection.tsx";
import { PublicImpact } from "../impact/PublicImpact.tsx";
import { RichText } from "../components/RichText.tsx";
import { AnimationTools } from "../nav/AnimationTools.tsx";
import { t, type MessageKey } from "../i18n/index.ts";
import { canAnimate, createNetworkResource, memberCount } from "../network.ts";
import { rememberNetwork, session } from "../session.ts";
import type { Network, Role } from "../types.ts";

/** `/n/:slug`: who the network is; each later feature adds its own section. */
export default function NetworkHome() {
  const params = useParams<{ slug: string }>();
  const [data] = createNetworkResource(() => params.slug);
  // Members come back to the network they last opened.
  createEffect(() => {
    const loaded = data.state === "ready" ? data() : undefined;
    if (loaded?.myRole) rememberNetwork(loaded.network.slug);
  });
  // Open to visitors: they see who the network is, its public announcements and partners.
  return (
    <Loaded data={data}>
        {({ network, myRole }) => (
          <div class="page">
            <NetworkHeading network={network} myRole={myRole} />
            <div class="network-layout">
              <div class="network-layout__main">
                <OffersHomeSection slug={network.slug} />
                <Announcements slug={network.slug} networkName={network.name} myRole={myRole} />
                <Show when={myRole}>
                  <PartnerPosts slug={network.slug} />
                </Show>
              </div>
              <div class="network-layout__side">
                <NetworkEvents slug={network.slug} />
                <section class="card" aria-labelledby="about">
                  <h2 id="about">{t("network.description")}</h2>
                  <RichText text={network.description} />
                  <Show when={network.rules?.trim()}>
                    <h3>{t("network.rules")}</h3>
                    <RichText text={network.rules} />
                  </Show>
                </section>
                <Show when={canAnimate(myRole)}>
                  <AnimationSection slug={network.slug} />
                </Show>
                <PublicImpact slug={network.slug} />
                <PartnersSection slug={network.slug} />
                <CommonsSection slug={network.slug} />
                <OtherNetworks slug={network.slug} />
              </div>
            </div>
          </div>
        )}
    </Loaded>
  );
}

function NetworkHeading(props: { network: Network; myRole: Role | null }) {
  const count = () => memberCount(props.network.memberCount);
  return (
    <header class="page-heading">
      <h1>
        <Show when={props.network.iconUrl}>
          {(url) => <img src={url()} alt="" class="network-icon" />}
        </Show>
        {props.network.name}
      </h1>
      <p class="facts">
        <Show when={props.network.area}>
          <span>{props.network.area}</span>
        </Show>
        <span>{count()}</span>
        <Show when={props.myRole}>
          {(role) => <span>{t("network.yourRole", { role: t(`role.${role()}` as MessageKey) })}</span>}
        </Show>
      </p>
    </header>
  );
}

function AnimationSection(props: { slug: string }) {
  return (
    <section class="card" aria-labelledby="animation">
      <h2 id="animation">{t("network.animation")}</h2>
      <AnimationTools slug={props.slug} />
    </section>
  );
}

/** For members of several networks: a way to go to the others. */
function OtherNetworks(props: { slug: string }) {
  const others = () => session()?.memberships.filter((m) => m.network.slug !== props.slug) ?? [];
  return (
    <Show when={others().length}>
      <section class="card" aria-labelledby="other-networks">
        <h2 id="other-networks">{t("network.others")}</h2>
        <ul class="link-list">
          <For each={others()}>
            {(m) => (
              <li>
                <A href={`/n/${m.network.slug}`} class="link-tile">
                  <strong>{m.network.name}</strong>
                  <span>{t("network.yourRole", { role: t(`role.${m.role}` as MessageKey) })}</span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
