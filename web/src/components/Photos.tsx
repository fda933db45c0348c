// Photos under a post, each with its description as alt text; a tap opens
// the full-size photo.
import { For, Show } from "solid-js";
import type { MediaView } from "../types.ts";

export function Photos(props: { photos: MediaView[] }) {
  return (
    <Show when={props.photos.length}>
      <ul class="photos" classList={{ "photos--single": props.photos.length === 1 }}>
        <For each={props.photos}>
          {(photo) => (
            <li>
              <a href={photo.url} target="_blank" rel="noopener">
                <img src={photo.url} alt={photo.description} loading="lazy" width={photo.width ?? undefined} height={photo.height ?? undefined} />
              </a>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
