import { useParams, useSearchParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { Loaded, valueOf } from "../components/Notice.tsx";
import { Principles } from "../components/Principles.tsx";
import { QrCode } from "../components/QrCode.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { placeLine, when } from "../events/api.ts";
import { formatDateTime, t } from "../i18n/index.ts";
import { createNetworkResource } from "../network.ts";
import { printApi } from "./api.ts";
import { Choice, PrintFrame } from "./PrintFrame.tsx";

/** `/n/:slug/print/poster` (`?size=a3`): the network's poster for the halls, on one A4 or A3 page. */
export default function Poster() {
  const params = useParams<{ slug: string }>();
  const [search, setSearch] = useSearchParams<{ size?: string }>();
  const size = () => (search.size === "a3" ? "a3" : "a4");
  const [network] = createNetworkResource(() => params.slug);
  const [poster] = createResource(() => params.slug, printApi.poster);
  const url = () => new URL(`/n/${params.slug}`, location.origin).href;
  return (
    <RequireLogin>
      <Loaded data={network}>
        {({ network: n }) => (
          <PrintFrame
            back={{ href: `/n/${n.slug}`, label: n.name }}
            title={t("print.poster.title", { network: n.name })}
            choices={<Choice label={t("print.size")} value={size()} options={[{ value: "a4", label: "A4" }, { value: "a3", label: "A3" }]} onChoose={(s) => setSearch({ size: s })} />}
          >
            {/* The page size follows the choice: A3 prints the same poster larger. */}
            <style>{`@page { size: ${size().toUpperCase()} portrait; margin: 12mm; }`}</style>
            <Show when={valueOf(poster)?.membersOnlyCafe}>
              {(cafe) => <p class="notice no-print">{t("print.poster.membersOnlyCafe", { title: cafe().title, date: formatDateTime(cafe().startsAt) })}</p>}
            </Show>
            <article class={`poster poster--${size()}`}>
              <header class="poster__head">
                <Show when={n.iconUrl}>{(icon) => <img class="poster__logo" src={icon()} alt="" />}</Show>
                <div>
                  <h2 class="poster__name">{n.name}</h2>
                  <p class="poster__tagline">{n.area || t("print.poster.tagline")}</p>
                </div>
              </header>
              <Loaded data={poster}>
                {(p) => (
                  <>
                    <section class="poster__cafe">
                      <h3>{t("print.poster.nextCafe")}</h3>
                      <Show when={p.nextCafe} fallback={<p class="poster__when">{t("print.poster.noCafe")}</p>}>
                        {(cafe) => (
                          <>
                            <p class="poster__when">{when(cafe().startsAt, cafe().endsAt)}</p>
                            <p class="poster__where">{placeLine(cafe())}</p>
                          </>
                        )}
                      </Show>
                    </section>
                    <section class="poster__principles">
                      <h3>{t("print.poster.principles")}</h3>
                      <Principles />
                    </section>
                    <section class="poster__join">
                      <div>
                        <h3>{t("print.poster.join")}</h3>
                        <p>{t("print.poster.joinText")}</p>
                        <p>{t("print.poster.scan")} <span class="poster__url">{url()}</span></p>
                      </div>
                      <QrCode text={url()} label={t("print.poster.qr", { url: url() })} />
                    </section>
                    <Show when={p.animators.length}>
                      <p class="poster__animators">{t("print.poster.animators", { names: p.animators.join(", ") })}</p>
                    </Show>
                  </>
                )}
              </Loaded>
            </article>
          </PrintFrame>
        )}
      </Loaded>
    </RequireLogin>
  );
}
