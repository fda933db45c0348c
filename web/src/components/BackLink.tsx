import { A } from "@solidjs/router";

/** A way back up, for people who do not think of the browser's back button. */
export function BackLink(props: { href: string; label: string }) {
  return (
    <A href={props.href} class="back-link" end>
      <span aria-hidden="true">←</span> {props.label}
    </A>
  );
}
