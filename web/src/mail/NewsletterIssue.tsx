import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { SelectField } from "../components/Field.tsx";
import { FormAlert, Loaded, valueOf } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { formatDate, t } from "../i18n/index.ts";
import { newslettersApi, type IssueView } from "./newsletters-api.ts";
import "./mail.css";

/** `/n/:slug/newsletters/:id` (the archive) and `/…/print` (the A4 sheet, with who gets it on paper). */
export default function NewsletterIssue(props: { print?: boolean }) {
  const params = useParams<{ slug: string; id: string }>();
  const [data, { refetch }] = createResource(() => [params.slug, params.id] as const, ([slug, id]) => newslettersApi.get(slug, id));
  const [paper] = createResource(() => (props.print ? params.slug : undefined), newslettersApi.printList);
  return (
    <div class="page page--narrow newsletter-sheet">
      <div class="no-print"><BackLink href={`/n/${params.slug}/newsletters`} label={t("newsletter.title")} /></div>
      <Loaded data={data}>
        {({ issue, canWrite }) => (
          <>
            <article>
              <h1>{issue.subject}</h1>
              <Show when={issue.sentAt}><p class="muted">{formatDate(issue.sentAt!)}</p></Show>
              <div class="newsletter-body" innerHTML={issue.html} />
            </article>
            <Show when={canWrite && issue.status === "sent" && !props.print}>
              <Announce slug={params.slug} issue={issue} onDone={() => void refetch()} />
            </Show>
          </>
        )}
      </Loaded>
      <Show when={props.print}>
        <button type="button" class="button button--primary no-print" onClick={() => window.print()}>{t("newsletter.printButton")}</button>
        <Show when={valueOf(paper)}>
          {(p) => (
            <section class="newsletter-paper-list" aria-labelledby="paper-title">
              <h2 id="paper-title">{t("newsletter.paperList")}</h2>
              <For each={p().groups} fallback={<p>{t("newsletter.paperNone")}</p>}>
                {(group) => (
                  <p><strong>{group.sponsor ?? t("newsletter.noSponsor")}</strong> : {group.members.join(", ")}</p>
                )}
              </For>
            </section>
          )}
        </Show>
      </Show>
    </div>
  );
}

/** Animators publish a sent issue as an announcement (once); a public one federates. */
function Announce(props: { slug: string; issue: IssueView; onDone: () => void }) {
  const form = createForm("newsletter-announce", ["visibility"]);
  const [visibility, setVisibility] = createSignal<"network" | "public">(props.issue.visibility === "public" ? "public" : "network");
  const publish = () =>
    form.submit(async () => {
      await newslettersApi.announce(props.slug, props.issue.id, visibility());
      props.onDone();
    });
  return (
    <section class="card no-print" aria-labelledby="announce-title">
      <h2 id="announce-title">{t("newsletter.announceTitle")}</h2>
      <Show
        when={!props.issue.announcementId}
        fallback={<p><A href={`/n/${props.slug}/a/${props.issue.announcementId}`}>{t("newsletter.announced")}</A></p>}
      >
        <FormAlert form={form} />
        <SelectField
          form={form} name="visibility" label={t("newsletter.announceFor")} value={visibility()} required
          onValue={(v) => setVisibility(v as "network" | "public")}
          options={[{ value: "network", label: t("newsletter.announce.network") }, { value: "public", label: t("newsletter.announce.public") }]}
        />
        <button type="button" class="button button--primary" disabled={form.busy()} onClick={publish}>{t("newsletter.announce")}</button>
      </Show>
    </section>
  );
}

export const NewsletterPrint = () => <NewsletterIssue print />;
