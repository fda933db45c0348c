import { Navigate, useLocation } from "@solidjs/router";
import { Show, type JSX } from "solid-js";
import { session } from "../session.ts";

/** Shows the children to logged-in members; sends others to the login page and back. */
export function RequireLogin(props: { children: JSX.Element }) {
  const location = useLocation();
  const next = () => encodeURIComponent(location.pathname + location.search);
  return (
    <Show when={session()} fallback={<Navigate href={`/login?next=${next()}`} />}>
      {props.children}
    </Show>
  );
}
