// On the offers page: a sponsor types the number printed beside an offer
// and lands on it, to answer for the neighbour who asked.
import { useNavigate } from "@solidjs/router";
import { createSignal } from "solid-js";
import { TextField } from "../components/Field.tsx";
import { FormAlert } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { printApi } from "./api.ts";

export function RefLookup(props: { slug: string }) {
  const navigate = useNavigate();
  const form = createForm("offer-ref", ["ref"]);
  const [ref, setRef] = createSignal("");
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    form.submit(async () => {
      const { offer } = await printApi.byRef(props.slug, ref() || " ");
      navigate(`/n/${props.slug}/o/${offer.id}`);
    });
  };
  return (
    <form class="card ref-lookup" onSubmit={submit} noValidate aria-labelledby="offer-ref-title">
      <h2 id="offer-ref-title">{t("print.lookup.title")}</h2>
      <FormAlert form={form} />
      <TextField form={form} name="ref" label={t("print.lookup.label")} hint={t("print.lookup.hint")} value={ref()} onValue={setRef} inputMode="numeric" maxLength={12} />
      <button type="submit" class="button" disabled={form.busy()}>{t("print.lookup.submit")}</button>
    </form>
  );
}
