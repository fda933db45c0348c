import { t, type MessageKey } from "../i18n/index.ts";
import type { Visibility } from "../federation-types.ts";

export const visibilities: Visibility[] = ["network", "partners", "public"];
export const visibilityName = (v: Visibility) => t(`visibility.${v}` as MessageKey);

/**
 * "Réseau", "Partenaires" or "Public", with who may read it: shown on hover
 * and keyboard focus (or a tap), and always part of the text screen readers read.
 */
export function VisibilityBadge(props: { visibility: Visibility }) {
  return (
    <span class="visibility" tabIndex={0}>
      <span class={`badge badge--${props.visibility}`}>{visibilityName(props.visibility)}</span>
      <span class="visibility__tip">{t(`visibility.${props.visibility}Explain` as MessageKey)}</span>
    </span>
  );
}
