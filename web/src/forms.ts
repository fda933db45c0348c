// Form state shared by every page: busy flag, and the problem to show next to
// the field the API names in `error.field` (or above the form when it names none).
import { createSignal } from "solid-js";
import { ApiError } from "./api.ts";
import { t } from "./i18n/index.ts";

export interface Problem {
  message: string;
  field?: string;
}

export type Form = ReturnType<typeof createForm>;

export function createForm(prefix: string, fields: readonly string[]) {
  const [problem, setProblem] = createSignal<Problem | undefined>();
  const [busy, setBusy] = createSignal(false);
  const idOf = (name: string) => `${prefix}-${name}`;
  const ownsField = (field?: string) => field !== undefined && fields.includes(field);

  // Move the keyboard (and screen reader) to the problem, so it is not missed.
  function show(next: Problem) {
    setProblem(next);
    setTimeout(() => {
      const target = document.getElementById(ownsField(next.field) ? idOf(next.field!) : idOf("alert"));
      target?.focus();
    });
  }

  return {
    busy,
    problem,
    idOf,
    errorFor: (name: string) => (problem()?.field === name ? problem()!.message : undefined),
    general: () => {
      const current = problem();
      return current && !ownsField(current.field) ? current.message : undefined;
    },
    fail: (field: string | undefined, message: string) => show({ field, message }),
    clear: () => setProblem(undefined),
    /** Runs the action once at a time; a thrown ApiError becomes the shown problem. */
    async submit(action: () => Promise<void>) {
      if (busy()) return;
      setBusy(true);
      setProblem(undefined);
      try {
        await action();
      } catch (error) {
        show(problemOf(error));
      } finally {
        setBusy(false);
      }
    },
  };
}

export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return { message: error.message, field: error.field };
  console.error(error);
  return { message: t("app.unexpected") };
}
