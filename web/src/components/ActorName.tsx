import { Show } from "solid-js";
import type { RemoteActor } from "../federation-types.ts";
import { webHref } from "../web-href.ts";

/** A name to show for someone of the fediverse: their name, else their handle, else their address. */
export const actorName = (actor: Pick<RemoteActor, "name" | "handle" | "id">) =>
  actor.name?.trim() || actor.handle || actor.id;

/** Name (a link to their page elsewhere) and @handle@host of someone of the fediverse. */
export function ActorName(props: { actor: RemoteActor }) {
  return (
    <span class="actor">
      <a href={webHref(props.actor.url, props.actor.id)} rel="nofollow noopener noreferrer" class="actor__name">
        {actorName(props.actor)}
      </a>
      <Show when={props.actor.handle && props.actor.name?.trim()}>
        {" "}<span class="handle">{props.actor.handle}</span>
      </Show>
    </span>
  );
}
