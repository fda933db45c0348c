// Adopt or adapt a partner's resource into our network's library (animators).
import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { commonsApi } from "./api.ts";
import type { Resource } from "./types.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { session } from "../session.ts";
import { FormAlert, SuccessNotice } from "../components/Notice.tsx";

/** `from`: the network the reader came from (their library); shown only to its animators. */
export function TakeIn(props: { resource: Resource; from: string | undefined }) {
  const navigate = useNavigate();
  const form = createForm("take-in", ["origin", "licence"]);
  const [done, setDone] = createSignal<string>();
  const mine = () => session()?.memberships.find((m) => m.network.slug === props.from);
  const animator = () => mine() && (mine()!.role === "animator" || mine()!.role === "pilot");
  const elsewhere = () => props.resource.source.slug !== props.from;
  // Its ActivityPub id: our page's address for local resources, the id for partners' ones.
  const ref = () => (props.resource.source.local ? props.resource.url : props.resource.id);
  return (
    <Show when={props.from && animator() && elsewhere() && props.resource.available !== false}>
      <section class="card" aria-labelledby="take-in-title">
        <h2 id="take-in-title">{mine()!.network.name}</h2>
        <FormAlert form={form} />
        <SuccessNotice message={done()} />
        <div class="actions">
          <button type="button" class="button" disabled={form.busy()}
            onClick={() => form.submit(async () => { await commonsApi.adopt(props.from!, ref()); setDone(t("commons.adopted")); })}>
            {t("commons.adopt")}
          </button>
          <button type="button" class="button button--primary" disabled={form.busy()}
            onClick={() => form.submit(async () => {
              const { resource } = await commonsApi.adapt(props.from!, ref());
              navigate(`/n/${props.from}/r/${resource.id}?adapted=1`);
            })}>
            {t("commons.adapt")}
          </button>
        </div>
        <p class="field__hint">{t("commons.adoptHint")} {t("commons.adaptHint")}</p>
      </section>
    </Show>
  );
}
