// « Bloquer »: on a conversation, an offer's author, a responder. Silent: the
// other person is not told. Asks first, then says what it did.
import { createSignal, Show } from "solid-js";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { FormAlert } from "../components/Notice.tsx";
import { messagesApi } from "./api.ts";

export function BlockButton(props: { target: { handle: string } | { actor: string }; name: string; blocked?: boolean; onBlocked?: () => void }) {
  const form = createForm(`block-${"handle" in props.target ? props.target.handle : props.target.actor}`, []);
  const [done, setDone] = createSignal(props.blocked ?? false);
  const block = () => {
    if (!window.confirm(t("blocks.confirm", { name: props.name }))) return;
    form.submit(async () => {
      await messagesApi.block(props.target);
      setDone(true);
      props.onBlocked?.();
    });
  };
  return (
    <Show when={!done()} fallback={<p class="badge">{t("blocks.blocked", { name: props.name })}</p>}>
      <FormAlert form={form} />
      <button type="button" class="button button--danger-outline" disabled={form.busy()} onClick={block} aria-label={t("blocks.blockName", { name: props.name })}>
        {t("blocks.block")}
      </button>
    </Show>
  );
}
