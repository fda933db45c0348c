// Labelled form fields: label, hint and error always sit with their input.
import { For, Show, type JSX } from "solid-js";
import type { Form } from "../forms.ts";
import { t } from "../i18n/index.ts";

interface FrameProps {
  form: Form;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** Hide "(required)/(optional)" where it means nothing (a choice that always has a value). */
  noMark?: boolean;
  children: (aria: { id: string; invalid: boolean; describedBy: string | undefined }) => JSX.Element;
}

/** Label, hint and error around one control; the error is read out with it. */
export function FieldFrame(props: FrameProps) {
  const id = () => props.form.idOf(props.name);
  const error = () => props.form.errorFor(props.name);
  const describedBy = () =>
    [props.hint ? `${id()}-hint` : "", error() ? `${id()}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field" classList={{ "field--error": !!error() }}>
      <label for={id()}>
        {props.label}{" "}
        <Show when={!props.noMark}>
          <span class="field__mark">{props.required ? t("app.required") : t("app.optional")}</span>
        </Show>
      </label>
      <Show when={props.hint}>
        <p class="field__hint" id={`${id()}-hint`}>{props.hint}</p>
      </Show>
      <Show when={error()}>
        <p class="field__error" id={`${id()}-error`}>{error()}</p>
      </Show>
      {props.children({ id: id(), invalid: !!error(), describedBy: describedBy() })}
    </div>
  );
}

type InputProps = Omit<FrameProps, "children"> & {
  value: string;
  onValue: (value: string) => void;
  type?: string;
  autocomplete?: string;
  inputMode?: "text" | "numeric" | "email";
  min?: number;
  max?: number;
  maxLength?: number;
  autocapitalize?: "none" | "characters" | "sentences" | "words";
};

export function TextField(props: InputProps) {
  return (
    <FieldFrame {...props}>
      {(aria) => (
        <input
          id={aria.id}
          name={props.name}
          type={props.type ?? "text"}
          value={props.value}
          onInput={(e) => props.onValue(e.currentTarget.value)}
          required={props.required}
          autocomplete={props.autocomplete}
          inputmode={props.inputMode}
          min={props.min}
          max={props.max}
          maxLength={props.maxLength}
          autocapitalize={props.autocapitalize}
          aria-invalid={aria.invalid}
          aria-describedby={aria.describedBy}
        />
      )}
    </FieldFrame>
  );
}

export function TextAreaField(props: Omit<InputProps, "type" | "inputMode" | "min" | "max"> & { rows?: number }) {
  return (
    <FieldFrame {...props}>
      {(aria) => (
        <textarea
          id={aria.id}
          name={props.name}
          rows={props.rows ?? 4}
          value={props.value}
          onInput={(e) => props.onValue(e.currentTarget.value)}
          required={props.required}
          maxLength={props.maxLength}
          aria-invalid={aria.invalid}
          aria-describedby={aria.describedBy}
        />
      )}
    </FieldFrame>
  );
}

export function SelectField(
  props: Omit<FrameProps, "children"> & {
    value: string;
    onValue: (value: string) => void;
    options: { value: string; label: string }[];
  },
) {
  return (
    <FieldFrame {...props}>
      {(aria) => (
        <select
          id={aria.id}
          name={props.name}
          value={props.value}
          onChange={(e) => props.onValue(e.currentTarget.value)}
          required={props.required}
          aria-invalid={aria.invalid}
          aria-describedby={aria.describedBy}
        >
          {props.options.map((option) => (
            <option value={option.value} selected={option.value === props.value}>{option.label}</option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A big checkbox whose whole label is clickable; the hint, if any, is read out with it. */
export function CheckboxField(props: {
  form: Form;
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  const id = () => props.form.idOf(props.name);
  const error = () => props.form.errorFor(props.name);
  const describedBy = () =>
    [error() ? `${id()}-error` : "", props.hint ? `${id()}-hint` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field" classList={{ "field--error": !!error() }}>
      <Show when={error()}>
        <p class="field__error" id={`${id()}-error`}>{error()}</p>
      </Show>
      <label class="check" for={id()}>
        <input
          id={id()}
          name={props.name}
          type="checkbox"
          checked={props.checked}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
          aria-invalid={!!error()}
          aria-describedby={describedBy()}
        />
        <span>{props.label}</span>
      </label>
      <Show when={props.hint}>
        <p class="field__hint field__hint--after" id={`${id()}-hint`}>{props.hint}</p>
      </Show>
    </div>
  );
}

/**
 * A choice among a few options, as big radio tiles, each with a plain-words
 * explanation after its name. The first radio takes the field's id, so an
 * error about the field moves the focus there.
 */
export function RadioField(props: {
  form: Form;
  name: string;
  legend: string;
  hint?: string;
  value: string;
  onValue: (value: string) => void;
  options: { value: string; label: string; detail?: string }[];
}) {
  const id = () => props.form.idOf(props.name);
  const error = () => props.form.errorFor(props.name);
  const describedBy = () =>
    [props.hint ? `${id()}-hint` : "", error() ? `${id()}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset class="field radio-field" classList={{ "field--error": !!error() }} aria-describedby={describedBy()}>
      <legend>{props.legend}</legend>
      <Show when={props.hint}>
        <p class="field__hint" id={`${id()}-hint`}>{props.hint}</p>
      </Show>
      <Show when={error()}>
        <p class="field__error" id={`${id()}-error`}>{error()}</p>
      </Show>
      <div class="choices choices--stack">
        <For each={props.options}>
          {(option, index) => (
            <label class="choice" classList={{ "choice--picked": props.value === option.value }}>
              <input
                id={index() === 0 ? id() : `${id()}-${option.value}`}
                type="radio"
                name={id()}
                value={option.value}
                checked={props.value === option.value}
                onChange={() => props.onValue(option.value)}
              />
              <span>
                <strong>{option.label}</strong>
                <Show when={option.detail}>{t("app.colon")}{option.detail}</Show>
              </span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}
