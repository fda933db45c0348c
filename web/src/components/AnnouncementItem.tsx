// One announcement: who and when, who may read it, its text, what the fediverse
// answered; its author (or an animator) edits or deletes it in place.
import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { Dynamic } from "solid-js/web";
import { api } from "../api.ts";
import type { Announcement } from "../federation-types.ts";
import { createForm } from "../forms.ts";
import { formatDateTime, t } from "../i18n/index.ts";
import { TextAreaField } from "./Field.tsx";
import { Photos } from "./Photos.tsx";
import { Reactions } from "./Reactions.tsx";
import { FormAlert } from "./Notice.tsx";
import { VisibilityBadge } from "./VisibilityBadge.tsx";

export const MAX_CONTENT = 5000;

interface Props {
  announcement: Announcement;
  networkName: string;
  canChange: boolean;
  onEdited: (announcement: Announcement) => void;
  onDeleted: (id: string) => void;
  /** Editing starts: an older "saved" message no longer applies. */
  onEditing?: () => void;
  /** The heading level of the author line (h3 in a list, h2 on its own page). */
  level?: "h2" | "h3";
}

export function AnnouncementItem(props: Props) {
  const a = () => props.announcement;
  const form = createForm(`announcement-${props.announcement.id}`, ["content"]);
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal("");
  const date = () => formatDateTime(a().createdAt);
  const headingId = `announcement-${props.announcement.id}-by`;

  const startEditing = () => {
    setDraft(a().content);
    form.clear();
    setEditing(true);
    props.onEditing?.();
    setTimeout(() => document.getElementById(form.idOf("content"))?.focus());
  };

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    if (!draft().trim()) return form.fail("content", t("field.missing"));
    form.submit(async () => {
      const { announcement } = await api.editAnnouncement(a().id, draft());
      setEditing(false);
      props.onEdited(announcement);
    });
  };

  const remove = () => {
    if (!window.confirm(t("announcements.deleteConfirm"))) return;
    form.submit(async () => {
      await api.deleteAnnouncement(a().id);
      props.onDeleted(a().id);
    });
  };

  return (
    <article class="announcement" aria-labelledby={headingId}>
      <header class="announcement__header">
        <Dynamic component={props.level ?? "h3"} id={headingId} class="announcement__author" tabIndex={-1}>
          {a().author
            ? <>{a().author!.displayName} <span class="handle">@{a().author!.handle}</span></>
            : t("announcements.networkAuthor", { network: props.networkName })}
        </Dynamic>
        <p class="announcement__meta">
          <VisibilityBadge visibility={a().visibility} />
          <A href={new URL(a().url).pathname} class="announcement__date" title={t("announcements.link")}>
            <time datetime={a().createdAt}>{date()}</time>
          </A>
          <Show when={a().updatedAt}>
            {(at) => <span>{t("announcements.edited", { date: formatDateTime(at()) })}</span>}
          </Show>
          <Show when={a().postedBy}>{(by) => <span>{t("announcements.postedBy", { handle: by() })}</span>}</Show>
        </p>
      </header>
      <FormAlert form={form} />
      <Show
        when={editing()}
        fallback={<div class="announcement__content rich" innerHTML={a().contentHtml} />}
      >
        <form onSubmit={save} noValidate>
          <TextAreaField form={form} name="content" label={t("announcements.editLabel")} required rows={6}
            maxLength={MAX_CONTENT} value={draft()} onValue={setDraft} />
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={form.busy()}>{t("announcements.save")}</button>
            <button type="button" class="button" onClick={() => setEditing(false)}>{t("app.cancel")}</button>
          </div>
        </form>
      </Show>
      <Photos photos={a().photos ?? []} />
      <Reactions reactions={a()} visibility={a().visibility} headingId={`${headingId}-replies`} heading={props.level === "h2" ? "h3" : "h4"} />
      <Show when={props.canChange && !editing()}>
        <div class="actions actions--end">
          <button type="button" class="button button--small" onClick={startEditing}
            aria-label={t("announcements.editOf", { date: date() })}>
            {t("announcements.edit")}
          </button>
          <button type="button" class="button button--small button--danger-outline" disabled={form.busy()} onClick={remove}
            aria-label={t("announcements.deleteOf", { date: date() })}>
            {t("announcements.delete")}
          </button>
        </div>
      </Show>
    </article>
  );
}
