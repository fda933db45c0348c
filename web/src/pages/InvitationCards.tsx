import { A, useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { InvitationCard } from "../components/InvitationCard.tsx";
import { Loaded } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { api } from "../api.ts";
import { t } from "../i18n/index.ts";
import { createNetworkResource } from "../network.ts";

/** `/n/:slug/invitations/print`: an A4 sheet of cards for the active invitations. */
export default function InvitationCards() {
  const params = useParams<{ slug: string }>();
  const [data] = createNetworkResource(() => params.slug);
  const [list] = createResource(() => params.slug, api.invitations);

  return (
    <RequireLogin>
      <Loaded data={data}>
        {({ network }) => (
          <div class="page page--print">
            <div class="no-print">
              <h1>{t("cards.title", { network: network.name })}</h1>
              <p>{t("cards.help")}</p>
              <div class="actions">
                <button type="button" class="button button--primary" onClick={() => window.print()}>
                  {t("app.print")}
                </button>
                <A href={`/n/${network.slug}/invitations`} class="button">{t("app.back")}</A>
              </div>
            </div>
            <Loaded data={list}>
              {({ invitations }) => {
                const active = invitations.filter((invitation) => invitation.status === "active");
                return (
                  <Show when={active.length} fallback={<p class="notice">{t("cards.none")}</p>}>
                    <div class="sheet">
                      <For each={active}>
                        {(invitation) => <InvitationCard networkName={network.name} invitation={invitation} />}
                      </For>
                    </div>
                  </Show>
                );
              }}
            </Loaded>
          </div>
        )}
      </Loaded>
    </RequireLogin>
  );
}
