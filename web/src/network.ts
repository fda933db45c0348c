// Network data shared by the network pages.
import { createResource } from "solid-js";
import { api } from "./api.ts";
import { t } from "./i18n/index.ts";
import { session } from "./session.ts";
import type { Role } from "./types.ts";

export function createNetworkResource(slug: () => string) {
  return createResource(slug, api.network);
}

export const memberCount = (count: number) =>
  count === 1 ? t("network.oneMember") : t("network.members", { count });

/** Animators, pilots and the instance admin run a network. */
export function canAnimate(myRole: Role | null): boolean {
  return myRole === "animator" || myRole === "pilot" || session()?.member.isAdmin === true;
}
