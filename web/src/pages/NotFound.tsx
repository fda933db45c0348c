import { A } from "@solidjs/router";
import { t } from "../i18n/index.ts";

export default function NotFound() {
  return (
    <div class="page page--narrow">
      <h1>{t("app.notFound")}</h1>
      <A href="/" class="button">{t("app.backHome")}</A>
    </div>
  );
}
