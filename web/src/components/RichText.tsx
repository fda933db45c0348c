import { Show } from "solid-js";

/** Text typed by animators, shown as typed (line breaks kept, never as HTML). */
export function RichText(props: { text: string | null | undefined; class?: string }) {
  return (
    <Show when={props.text?.trim()}>
      <p class={`text-block ${props.class ?? ""}`}>{props.text}</p>
    </Show>
  );
}
