// Messages to the reader: loading, success, and problems (announced to screen readers).
import { Match, Show, Switch, type JSX, type Resource } from "solid-js";
import type { Form } from "../forms.ts";
import { problemOf } from "../forms.ts";
import { t } from "../i18n/index.ts";

export function Loading() {
  return <p class="notice notice--quiet" role="status">{t("app.loading")}</p>;
}

export function ErrorNotice(props: { message: string; id?: string }) {
  return (
    <p class="notice notice--error" role="alert" id={props.id} tabIndex={-1}>
      {props.message}
    </p>
  );
}

export function SuccessNotice(props: { message: string | undefined }) {
  // Always rendered so screen readers notice the change of text.
  return (
    <div role="status" aria-live="polite">
      <Show when={props.message}>
        <p class="notice notice--ok">{props.message}</p>
      </Show>
    </div>
  );
}

/** The problem of a form that no field of it claims. */
export function FormAlert(props: { form: Form }) {
  return (
    <Show when={props.form.general()}>
      {(message) => <ErrorNotice id={props.form.idOf("alert")} message={message()} />}
    </Show>
  );
}

/**
 * A resource's value once it has one. Checking the state first never suspends,
 * so each section shows its own "Loading…" instead of blanking the whole page.
 */
export const valueOf = <T,>(resource: Resource<T>): T | undefined =>
  resource.state === "ready" || resource.state === "refreshing" ? resource.latest : undefined;

/** Renders a resource: loading, its error in plain words, or the children with its value. */
export function Loaded<T>(props: { data: Resource<T>; children: (value: T) => JSX.Element }) {
  return (
    <Switch fallback={<Loading />}>
      <Match when={props.data.state === "errored"}>
        <ErrorNotice message={problemOf(props.data.error).message} />
      </Match>
      {/* Keyed: a refetch renders the new value (keep forms outside refetched data). */}
      <Match when={valueOf(props.data)} keyed>
        {(value) => props.children(value)}
      </Match>
    </Switch>
  );
}
