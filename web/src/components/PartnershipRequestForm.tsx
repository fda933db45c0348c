import { createSignal } from "solid-js";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { TextAreaField, TextField } from "./Field.tsx";
import { FormAlert } from "./Notice.tsx";

/** An animator asks another network (here or elsewhere) to become partners. */
export function PartnershipRequestForm(props: { slug: string; onSent: (message: string) => void }) {
  const form = createForm("partnership", ["partner", "message"]);
  const [partner, setPartner] = createSignal("");
  const [message, setMessage] = createSignal("");
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!partner().trim()) return form.fail("partner", t("field.missing"));
    form.submit(async () => {
      const { partnership } = await api.askPartnership(props.slug, {
        partner: partner().trim(),
        ...(message().trim() ? { message: message().trim() } : {}),
      });
      setPartner("");
      setMessage("");
      const name = partnership.partner.name?.trim() || partnership.partner.handle || partner().trim();
      props.onSent(t("partnerships.sent", { name }));
    });
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="ask-title">
      <h2 id="ask-title">{t("partnerships.ask")}</h2>
      <FormAlert form={form} />
      <TextField form={form} name="partner" label={t("partnerships.partner")} hint={t("partnerships.partnerHint")} required
        autocapitalize="none" autocomplete="off" maxLength={500} value={partner()} onValue={setPartner} />
      <TextAreaField form={form} name="message" label={t("partnerships.message")} hint={t("partnerships.messageHint")}
        rows={3} maxLength={2000} value={message()} onValue={setMessage} />
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("partnerships.submit")}</button>
    </form>
  );
}
