import { useLocation, type RouteSectionProps } from "@solidjs/router";
import { createEffect, on, Show, Suspense } from "solid-js";
import { t } from "../i18n/index.ts";
import { session, startupError } from "../session.ts";
import { ActingBanner } from "./ActingBanner.tsx";
import { Header } from "./Header.tsx";
import { ErrorNotice, Loading } from "./Notice.tsx";

/** Frame of every page; pages render once we know who is logged in. */
export function Layout(props: RouteSectionProps) {
  const location = useLocation();
  let main!: HTMLElement;
  // After a navigation, screen readers start from the new page, not the old link.
  createEffect(
    on(
      () => location.pathname,
      () => {
        // The server titled the first page for link previews; the others are the app's.
        document.title = "Maillage";
        main.focus({ preventScroll: true });
      },
      { defer: true },
    ),
  );

  return (
    <>
      <Header />
      <ActingBanner />
      <main id="main" ref={main} tabIndex={-1}>
        <Show when={startupError()}>
          {(error) => <ErrorNotice message={error().status === 0 ? t("app.networkError") : error().message} />}
        </Show>
        <Show when={session() !== undefined} fallback={<Loading />}>
          <Suspense fallback={<Loading />}>{props.children}</Suspense>
        </Show>
      </main>
    </>
  );
}
