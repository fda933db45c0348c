import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { SelectField, TextAreaField, TextField } from "../components/Field.tsx";
import { FormAlert, Loaded, SuccessNotice, valueOf } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { formatDate, t, type MessageKey } from "../i18n/index.ts";
import { newslettersApi, type IssueView } from "./newsletters-api.ts";

/** `/n/:slug/newsletters`: animators write and send the newsletter; members read the sent ones. */
export default function Newsletters() {
  const params = useParams<{ slug: string }>();
  const [data, { refetch }] = createResource(() => params.slug, newslettersApi.list);
  const [editing, setEditing] = createSignal<IssueView | null>(null);
  return (
    <div class="page page--narrow">
      <BackLink href={`/n/${params.slug}`} label={t("newsletter.back")} />
      <h1>{t("newsletter.title")}</h1>
      {/* Outside the refetched list, so that saving keeps the form and its preview. */}
      <Show when={valueOf(data)?.canWrite}>
        {/* A fresh form when another draft is taken up ("Reprendre"); saving keeps this one. */}
        <For each={[editing()]}>
          {(issue) => <Composer slug={params.slug} issue={issue} onSaved={() => void refetch()} onNew={() => setEditing(null)} />}
        </For>
      </Show>
      <Loaded data={data}>
        {({ issues, canWrite }) => (
          <>
            <section class="card" aria-labelledby="archive-title">
              <h2 id="archive-title">{t("newsletter.archive")}</h2>
              <Show when={issues.length} fallback={<p>{t("newsletter.none")}</p>}>
                <ul class="item-list">
                  <For each={issues}>
                    {(issue) => (
                      <li class="item">
                        <div class="item__main">
                          <p class="item__title"><A href={`/n/${params.slug}/newsletters/${issue.id}`}>{issue.subject}</A></p>
                          <p class="muted">
                            {issue.sentAt ? t("newsletter.sentOn", { date: formatDate(issue.sentAt), count: issue.recipientCount ?? 0 }) : t("newsletter.draft")}
                            {" · "}{t(`newsletter.visibility.${issue.visibility}` as MessageKey)}
                          </p>
                        </div>
                        <Show when={canWrite && issue.status === "draft"}>
                          <button type="button" class="button button--small" onClick={() => setEditing(issue)}>{t("newsletter.edit")}</button>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
          </>
        )}
      </Loaded>
    </div>
  );
}

function Composer(props: { slug: string; issue: IssueView | null; onSaved: (issue: IssueView) => void; onNew: () => void }) {
  const form = createForm("newsletter", ["subject", "body", "visibility", "status", "email"]);
  const [subject, setSubject] = createSignal(props.issue?.subject ?? "");
  const [body, setBody] = createSignal(props.issue?.body ?? "");
  const [visibility, setVisibility] = createSignal<"members" | "public">(props.issue?.visibility ?? "members");
  const [id, setId] = createSignal(props.issue?.id);
  const [preview, setPreview] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  const [blocks] = createResource(() => props.slug, newslettersApi.blocks);

  const save = async () => {
    const fields = { subject: subject(), body: body(), visibility: visibility() };
    const { issue } = id() ? await newslettersApi.update(props.slug, id()!, fields) : await newslettersApi.create(props.slug, fields);
    setId(issue.id);
    props.onSaved(issue);
    return issue;
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setNotice(undefined);
    form.submit(async () => {
      const issue = await save();
      setPreview((await newslettersApi.preview(props.slug, issue.id)).html);
      setNotice(t("newsletter.saved"));
    });
  };
  const test = () => form.submit(async () => {
    const issue = await save();
    const { to } = await newslettersApi.test(props.slug, issue.id);
    setNotice(t("newsletter.testSent", { email: to }));
  });
  const send = () => {
    if (!confirm(t("newsletter.sendConfirm"))) return;
    form.submit(async () => {
      const issue = await save();
      const { issue: sent } = await newslettersApi.send(props.slug, issue.id);
      props.onSaved(sent);
      setNotice(t("newsletter.sent", { count: sent.recipientCount ?? 0 }));
    });
  };
  const addBlock = (markdown: string) => setBody((b) => (b.trim() ? `${b.trimEnd()}\n\n${markdown}` : markdown));

  return (
    <section class="card" aria-labelledby="compose-title">
      <h2 id="compose-title">{id() ? t("newsletter.editTitle") : t("newsletter.new")}</h2>
      <form onSubmit={submit} noValidate>
        <FormAlert form={form} />
        <SuccessNotice message={notice()} />
        <TextField form={form} name="subject" label={t("newsletter.subject")} value={subject()} onValue={setSubject} required maxLength={200} />
        <Show when={valueOf(blocks)}>
          {(b) => (
            <div class="field">
              <p class="field__label"><strong>{t("newsletter.blocks")}</strong></p>
              <div class="actions">
                <For each={b().blocks}>
                  {(block) => (
                    <button type="button" class="button button--small" onClick={() => addBlock(block.markdown)}>
                      {t(`newsletter.block.${block.key}` as MessageKey)}
                    </button>
                  )}
                </For>
              </div>
            </div>
          )}
        </Show>
        <TextAreaField form={form} name="body" label={t("newsletter.body")} hint={t("newsletter.bodyHint")} value={body()} onValue={setBody} rows={14} />
        <SelectField
          form={form} name="visibility" label={t("newsletter.archiveFor")} value={visibility()} required
          onValue={(v) => setVisibility(v as "members" | "public")}
          options={[{ value: "members", label: t("newsletter.visibility.members") }, { value: "public", label: t("newsletter.visibility.public") }]}
        />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={form.busy()}>{t("newsletter.preview")}</button>
          <button type="button" class="button" disabled={form.busy()} onClick={test}>{t("newsletter.test")}</button>
          <Show when={id()}>
            <A class="button" href={`/n/${props.slug}/newsletters/${id()}/print`}>{t("newsletter.print")}</A>
          </Show>
        </div>
      </form>
      <Show when={preview()}>
        <h3>{t("newsletter.previewTitle")}</h3>
        {/* The server's HTML: Markdown rendered without raw HTML, then sanitised. */}
        <div class="newsletter-preview" data-testid="newsletter-preview" innerHTML={preview()} />
        <div class="actions">
          <button type="button" class="button button--primary" disabled={form.busy()} onClick={send}>{t("newsletter.send")}</button>
          <button type="button" class="button" onClick={() => { props.onNew(); setId(undefined); setSubject(""); setBody(""); setPreview(undefined); }}>{t("newsletter.new")}</button>
        </div>
      </Show>
    </section>
  );
}
