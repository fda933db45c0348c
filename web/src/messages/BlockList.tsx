// The member's blocks, on their profile: who, and « Débloquer ».
import { createResource, For, Show } from "solid-js";
import { actorName } from "../components/ActorName.tsx";
import { FormAlert, Loaded } from "../components/Notice.tsx";
import { actingFor } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { messagesApi, type Block } from "./api.ts";

const nameOf = (b: Block) => b.member?.displayName ?? (b.account ? actorName(b.account) : "");

export function BlockList() {
  const [list, { refetch }] = createResource(() => actingFor() ?? "", () => messagesApi.blocks());
  const form = createForm("unblock", []);
  const unblock = (b: Block) => form.submit(async () => {
    await messagesApi.unblock(b.id);
    void refetch();
  });
  return (
    <section class="card" aria-labelledby="blocks-title">
      <h2 id="blocks-title">{t("memberBlocks.title")}</h2>
      <FormAlert form={form} />
      <Loaded data={list}>
        {({ blocks }) => (
          <Show when={blocks.length} fallback={<p>{t("memberBlocks.none")}</p>}>
            <ul class="item-list">
              <For each={blocks}>
                {(b) => (
                  <li class="item">
                    <div class="item__main">
                      <p class="item__title">{nameOf(b)} <span class="handle">{b.member ? `@${b.member.handle}` : b.account?.handle}</span></p>
                    </div>
                    <button type="button" class="button" disabled={form.busy()} onClick={() => unblock(b)} aria-label={t("blocks.unblockName", { name: nameOf(b) })}>
                      {t("blocks.unblock")}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Loaded>
    </section>
  );
}
