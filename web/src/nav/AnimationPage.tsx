import { useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { Loaded } from "../components/Notice.tsx";
import { t } from "../i18n/index.ts";
import { canAnimate, createNetworkResource } from "../network.ts";
import { AnimationTools } from "./AnimationTools.tsx";

/** `/n/:slug/animation`: everything the animation group runs, in one place. */
export default function AnimationPage() {
  const params = useParams<{ slug: string }>();
  const [data] = createNetworkResource(() => params.slug);
  return (
    <Loaded data={data}>
      {({ network, myRole }) => (
        <div class="page page--narrow">
          <BackLink href={`/n/${network.slug}`} label={network.name} />
          <h1>{t("nav.animation")}</h1>
          <Show when={canAnimate(myRole)} fallback={<p class="notice">{t("animation.notAllowed")}</p>}>
            <p class="lead">{t("animation.intro")}</p>
            <AnimationTools slug={network.slug} />
          </Show>
        </div>
      )}
    </Loaded>
  );
}
