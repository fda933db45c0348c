import { createSignal } from "solid-js";
import { createStore } from "solid-js/store";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { isLang, lang, setLang, t } from "../i18n/index.ts";
import { updateSessionMember } from "../session.ts";
import type { Member, ProfileChanges } from "../types.ts";
import { SelectField, TextAreaField, TextField } from "./Field.tsx";
import { FormAlert, SuccessNotice } from "./Notice.tsx";

interface Props {
  /** The profile from `GET /api/me` (ours, or that of the member we act for). */
  member: Member;
  self: boolean;
}

export function ProfileForm(props: Props) {
  const form = createForm("profile", ["displayName", "email", "locale", "bio"]);
  const initial = {
    displayName: props.member.displayName,
    email: props.member.email ?? "",
    locale: props.member.locale ?? (props.self ? lang() : "fr"),
    bio: props.member.bio ?? "",
  };
  const [draft, setDraft] = createStore({ ...initial });
  const [saved, setSaved] = createSignal<string>();

  // Send only what changed, so nothing unknown is erased (e.g. when acting for someone).
  const changes = (): ProfileChanges => {
    const out: ProfileChanges = {};
    if (draft.displayName.trim() !== initial.displayName) out.displayName = draft.displayName.trim();
    if (draft.email.trim() !== initial.email) out.email = draft.email.trim() || null;
    if (draft.locale !== initial.locale) out.locale = draft.locale;
    if (draft.bio !== initial.bio) out.bio = draft.bio;
    return out;
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(undefined);
    if (!draft.displayName.trim()) return form.fail("displayName", t("field.missing"));
    form.submit(async () => {
      const body = changes();
      if (Object.keys(body).length) {
        const { member } = await api.updateMe(body);
        Object.assign(initial, { ...draft, displayName: draft.displayName.trim(), email: draft.email.trim() });
        if (props.self) {
          updateSessionMember(member);
          if (isLang(member.locale)) setLang(member.locale, true);
        }
      }
      setSaved(t("app.saved"));
    });
  };

  return (
    <form class="card" onSubmit={submit} noValidate>
      <h2>{t("me.profile")}</h2>
      <FormAlert form={form} />
      <TextField
        form={form} name="displayName" label={t("field.displayName")} hint={t("field.displayNameHint")} required
        maxLength={80} autocomplete="name" value={draft.displayName} onValue={(v) => setDraft("displayName", v)}
      />
      <TextField
        form={form} name="email" label={t("field.email")} hint={t("field.emailHint")} type="email" inputMode="email"
        autocomplete="email" value={draft.email} onValue={(v) => setDraft("email", v)}
      />
      <SelectField
        form={form} name="locale" label={t("field.locale")} required value={draft.locale}
        onValue={(v) => setDraft("locale", v)}
        options={[{ value: "fr", label: t("lang.fr") }, { value: "en", label: t("lang.en") }]}
      />
      <TextAreaField
        form={form} name="bio" label={t("field.bio")} rows={4} maxLength={1000}
        value={draft.bio} onValue={(v) => setDraft("bio", v)}
      />
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("app.save")}</button>
      <SuccessNotice message={saved()} />
    </form>
  );
}
