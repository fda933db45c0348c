import { createSignal, Show } from "solid-js";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { loadSession, session } from "../session.ts";
import type { MemberOfNetwork } from "../types.ts";
import { SelectField } from "./Field.tsx";
import { FormAlert, SuccessNotice } from "./Notice.tsx";

/** Gives a sponsored member one more sponsor, so they are never left without help. */
export function AddSponsorForm(props: { slug: string; members: MemberOfNetwork[]; onAdded: () => void }) {
  const form = createForm("add-sponsor", ["sponsored", "sponsor"]);
  const [sponsored, setSponsored] = createSignal("");
  const [sponsor, setSponsor] = createSignal("");
  const [done, setDone] = createSignal<string>();
  const helped = () => props.members.filter((m) => m.sponsored);
  const person = () => props.members.find((m) => m.handle === sponsored());
  // A sponsor needs an account of their own, and is not one already.
  const candidates = () => props.members.filter((m) => !m.sponsored && !person()?.sponsors.includes(m.handle));
  const nameOf = (handle: string) => props.members.find((m) => m.handle === handle)?.displayName ?? handle;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setDone(undefined);
    if (!sponsored()) return form.fail("sponsored", t("members.choosePerson"));
    if (!sponsor()) return form.fail("sponsor", t("members.choosePerson"));
    form.submit(async () => {
      await api.addSponsor(props.slug, { sponsored: sponsored(), sponsor: sponsor() });
      setDone(t("members.addSponsorDone", { sponsor: nameOf(sponsor()), name: nameOf(sponsored()) }));
      // Whoever becomes a sponsor may now act for that person: keep our own session in step.
      if (sponsor() === session()?.member.handle) await loadSession();
      setSponsor("");
      props.onAdded();
    });
  };

  return (
    <Show when={helped().length}>
      <form class="card" onSubmit={submit} noValidate>
        <h2>{t("members.addSponsorTitle")}</h2>
        <p>{t("members.addSponsorIntro")}</p>
        <FormAlert form={form} />
        <SelectField
          form={form} name="sponsored" label={t("members.sponsoredPerson")} required value={sponsored()}
          onValue={(v) => {
            setSponsored(v);
            setSponsor("");
          }}
          options={[
            { value: "", label: t("members.sponsorChoose") },
            ...helped().map((m) => ({ value: m.handle, label: `${m.displayName} (@${m.handle})` })),
          ]}
        />
        <SelectField
          form={form} name="sponsor" label={t("members.newSponsor")} required value={sponsor()} onValue={setSponsor}
          options={[
            { value: "", label: t("members.sponsorChoose") },
            ...candidates().map((m) => ({ value: m.handle, label: `${m.displayName} (@${m.handle})` })),
          ]}
        />
        <button type="submit" class="button button--primary" disabled={form.busy()}>{t("members.addSponsorSubmit")}</button>
        <SuccessNotice message={done()} />
      </form>
    </Show>
  );
}
