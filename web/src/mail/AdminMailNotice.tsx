import { createResource, Show } from "solid-js";
import { api } from "../api.ts";
import { t } from "../i18n/index.ts";
import { valueOf } from "../components/Notice.tsx";
import "./mail.css";

/** On the admin's page: emails go nowhere without SMTP_URL; some failed. */
export function AdminMailNotice() {
  const [instance] = createResource(api.instance);
  return (
    <Show when={valueOf(instance)?.mail}>
      {(mail) => (
        <>
          <Show when={!mail().smtp}>
            <p class="notice notice--warning" role="status" data-testid="mail-warning">{t("admin.mailWarning")}</p>
          </Show>
          <Show when={mail().failed > 0}>
            <p class="notice notice--warning" role="status">{t("admin.mailFailed", { count: mail().failed })}</p>
          </Show>
        </>
      )}
    </Show>
  );
}
