// Adds photos or documents to a form: each file is uploaded as soon as it is
// chosen (the server checks it), then listed with a preview and a remove button.
// The form sends the ids of `files()` with what it creates.
import { createSignal, For, Show } from "solid-js";
import { api, ApiError } from "../api.ts";
import { t } from "../i18n/index.ts";
import type { MediaView } from "../types.ts";

/**
 * Uploads and descriptions still on their way: a form awaits `idle()` before
 * sending, so a description typed just before pressing "Publish" is kept.
 */
export function createPendingWork() {
  const running = new Set<Promise<unknown>>();
  return {
    track<T>(work: Promise<T>): Promise<T> {
      running.add(work);
      void work.finally(() => running.delete(work)).catch(() => {});
      return work;
    },
    idle: async () => {
      await Promise.allSettled([...running]);
    },
  };
}
export type PendingWork = ReturnType<typeof createPendingWork>;

interface Props {
  slug: string;
  purpose: "photo" | "document";
  files: MediaView[];
  onChange: (files: MediaView[]) => void;
  /** At most this many files (1 for an offer's photo). */
  max?: number;
  id?: string;
  pending?: PendingWork;
}

const accepts = {
  photo: "image/jpeg,image/png,image/webp,image/gif,image/avif",
  document: ".pdf,.odt,.ods,.odp,.docx,.xlsx,.pptx,.txt,image/*",
};

export function MediaPicker(props: Props) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const full = () => props.files.length >= (props.max ?? 10);
  const id = () => props.id ?? `media-${props.purpose}`;
  const track = (work: Promise<void>) => props.pending?.track(work) ?? work;

  async function choose(input: HTMLInputElement) {
    const chosen = [...(input.files ?? [])].slice(0, (props.max ?? 10) - props.files.length);
    input.value = "";
    setError(null);
    setBusy(true);
    try {
      const added: MediaView[] = [];
      for (const file of chosen) added.push((await api.uploadMedia(props.slug, file, props.purpose)).media);
      props.onChange([...props.files, ...added]);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("app.unexpected"));
    } finally {
      setBusy(false);
    }
  }

  // Saved as soon as it is typed: the photo's alt text for those who cannot see it.
  async function describe(file: MediaView, description: string) {
    setError(null);
    try {
      const { media } = await api.describeMedia(file.id, description);
      props.onChange(props.files.map((f) => (f.id === media.id ? media : f)));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("app.unexpected"));
    }
  }

  return (
    <div class="media-picker">
      <ul class="media-picker__list">
        <For each={props.files}>
          {(file) => (
            <li class="media-picker__item">
              <Show when={file.contentType.startsWith("image/")} fallback={<span class="media-picker__name">{file.name}</span>}>
                <img src={file.url} alt="" class="media-picker__preview" />
                <label class="media-picker__describe">
                  {t("media.describe")}
                  <input
                    type="text"
                    maxLength={1500}
                    value={file.description}
                    onChange={(e) => void track(describe(file, e.currentTarget.value))}
                  />
                </label>
              </Show>
              <button type="button" class="button" onClick={() => props.onChange(props.files.filter((f) => f.id !== file.id))}>
                {t("media.remove", { name: file.name })}
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show when={!full()}>
        <label class="button" for={id()}>
          {busy() ? t("media.uploading") : props.purpose === "photo" ? t("media.addPhoto") : t("media.addFile")}
        </label>
        <input
          id={id()}
          class="visually-hidden"
          type="file"
          accept={accepts[props.purpose]}
          multiple={(props.max ?? 10) > 1}
          disabled={busy()}
          aria-describedby={`${id()}-hint`}
          onChange={(e) => void track(choose(e.currentTarget))}
        />
      </Show>
      <p class="field__hint" id={`${id()}-hint`}>{props.purpose === "photo" ? t("media.photoHint") : t("media.fileHint")}</p>
      <Show when={error()}>
        <p class="field__error" role="alert">{error()}</p>
      </Show>
    </div>
  );
}
