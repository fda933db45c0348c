// `/me/reports`: what I reported and what came of it (dismissed, or acted
// upon: never what was done to whom).
import { createResource, For, Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { Loaded } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { formatDateTime, t } from "../i18n/index.ts";
import { moderationApi } from "./api.ts";
import "./moderation.css";

export default function MyReports() {
  const [data] = createResource(async () => (await moderationApi.mine()).reports);
  return (
    <RequireLogin>
      <div class="page page--narrow">
        <BackLink href="/me" label={t("nav.me")} />
        <h1>{t("myReports.title")}</h1>
        <p class="lead">{t("myReports.intro")}</p>
        <Loaded data={data}>
          {(reports) => (
            <Show when={reports.length} fallback={<p class="card">{t("myReports.none")}</p>}>
              <ul class="moderation__mine">
                <For each={reports}>
                  {(r) => (
                    <li class="card">
                      <strong>« {r.subject.title} »</strong> — {t(`report.reason.${r.reason}`)}
                      <br />
                      <small>{formatDateTime(r.createdAt)}</small>{" "}
                      <span class="badge">{r.outcome ? t(`myReports.outcome.${r.outcome}`) : t("myReports.open")}</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Loaded>
      </div>
    </RequireLogin>
  );
}
