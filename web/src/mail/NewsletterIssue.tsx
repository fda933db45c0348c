import { useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { Loaded, valueOf } from "../components/Notice.tsx";
import { formatDate, t } from "../i18n/index.ts";
import { newslettersApi } from "./newsletters-api.ts";
import "./mail.css";

/** `/n/:slug/newsletters/:id` (the archive) and `/…/print` (the A4 sheet, with who gets it on paper). */
export default function NewsletterIssue(props: { print?: boolean }) {
  const params = useParams<{ slug: string; id: string }>();
  const [data] = createResource(() => [params.slug, params.id] as const, ([slug, id]) => newslettersApi.get(slug, id));
  const [paper] = createResource(() => (props.print ? params.slug : undefined), newslettersApi.printList);
  return (
    <div class="page page--narrow newsletter-sheet">
      <div class="no-print"><BackLink href={`/n/${params.slug}/newsletters`} label={t("newsletter.title")} /></div>
      <Loaded data={data}>
        {({ issue }) => (
          <article>
            <h1>{issue.subject}</h1>
            <Show when={issue.sentAt}><p class="muted">{formatDate(issue.sentAt!)}</p></Show>
            <div class="newsletter-body" innerHTML={issue.html} />
          </article>
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

export const NewsletterPrint = () => <NewsletterIssue print />;
