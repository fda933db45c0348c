import { createSignal } from "solid-js";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import type { MemberOfNetwork } from "../types.ts";
import { SelectField, TextField } from "./Field.tsx";
import { FormAlert, SuccessNotice } from "./Notice.tsx";

/** Registers a neighbour without internet, with the member who will act for them. */
export function SponsoredForm(props: { slug: string; members: MemberOfNetwork[]; onCreated: () => void }) {
  const form = createForm("sponsored", ["handle", "displayName", "sponsor"]);
  const [handle, setHandle] = createSignal("");
  const [displayName, setDisplayName] = createSignal("");
  const [sponsor, setSponsor] = createSignal("");
  const [done, setDone] = createSignal<string>();
  // A sponsor needs an account of their own.
  const sponsors = () => props.members.filter((m) => !m.sponsored);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setDone(undefined);
    if (!handle().trim()) return form.fail("handle", t("field.missing"));
    if (!displayName().trim()) return form.fail("displayName", t("field.missing"));
    if (!sponsor()) return form.fail("sponsor", t("members.sponsorChoose"));
    form.submit(async () => {
      const name = displayName().trim();
      await api.createSponsored(props.slug, {
        handle: handle().trim().toLowerCase(),
        displayName: name,
        sponsor: sponsor(),
      });
      setDone(t("members.sponsorCreated", { name }));
      setHandle("");
      setDisplayName("");
      props.onCreated();
    });
  };

  return (
    <form class="card" onSubmit={submit} noValidate>
      <h2>{t("members.sponsorTitle")}</h2>
      <p>{t("members.sponsorIntro")}</p>
      <FormAlert form={form} />
      <TextField
        form={form} name="handle" label={t("field.handle")} hint={t("members.handleHint")} required
        autocapitalize="none" maxLength={30} value={handle()} onValue={setHandle}
      />
      <TextField
        form={form} name="displayName" label={t("field.displayName")} required maxLength={80}
        value={displayName()} onValue={setDisplayName}
      />
      <SelectField
        form={form} name="sponsor" label={t("members.sponsor")} required value={sponsor()} onValue={setSponsor}
        options={[
          { value: "", label: t("members.sponsorChoose") },
          ...sponsors().map((m) => ({ value: m.handle, label: `${m.displayName} (@${m.handle})` })),
        ]}
      />
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("members.sponsorSubmit")}</button>
      <SuccessNotice message={done()} />
    </form>
  );
}
