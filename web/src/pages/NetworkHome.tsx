import { A, useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { Loaded } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { RichText } from "../components/RichText.tsx";
import { t, type MessageKey } from "../i18n/index.ts";
import { canAnimate, createNetworkResource, memberCount } from "../network.ts";
import type { Network, Role } from "../types.ts";

/** `/n/:slug`: who the network is; each later feature adds its own section. */
export default function NetworkHome() {
  const params = useParams<{ slug: string }>();
  const [data] = createNetworkResource(() => params.slug);
  return (
    <RequireLogin>
      <Loaded data={data}>
        {({ network, myRole }) => (
          <div class="page">
            <NetworkHeading network={network} myRole={myRole} />
            <div class="sections">
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
              <section class="card card--quiet">
                <p>{t("network.soon")}</p>
              </section>
            </div>
          </div>
        )}
      </Loaded>
    </RequireLogin>
  );
}

function NetworkHeading(props: { network: Network; myRole: Role | null }) {
  const count = () => memberCount(props.network.memberCount);
  return (
    <header class="page-heading">
      <h1>{props.network.name}</h1>
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
      <ul class="link-list">
        <li>
          <A href={`/n/${props.slug}/invitations`} class="link-tile">
            <strong>{t("network.invitationsLink")}</strong>
            <span>{t("network.invitationsText")}</span>
          </A>
        </li>
        <li>
          <A href={`/n/${props.slug}/members`} class="link-tile">
            <strong>{t("network.membersLink")}</strong>
            <span>{t("network.membersText")}</span>
          </A>
        </li>
      </ul>
    </section>
  );
}
