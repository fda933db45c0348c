// Small line icons for the bottom bar, drawn inline (no icon font, no request).
// Always beside a text label: they are decoration, hidden from screen readers.
import type { JSX } from "solid-js";

const paths = {
  home: "M3 11 12 4l9 7M5 10v10h5v-6h4v6h5V10",
  offers: "M4 7h16v13H4zM9 7V4h6v3M4 12h16",
  agenda: "M4 6h16v14H4zM4 10h16M8 3v5M16 3v5",
  library: "M5 4h4v16H5zM10 4h4v16h-4zM15 5l3.5-1 3 15-3.5 1z",
  bell: "M6 17V11a6 6 0 0 1 12 0v6l2 2H4zM10 21h4",
  person: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6",
  menu: "M4 6h16M4 12h16M4 18h16",
  pin: "M12 22s-7-7.5-7-12a7 7 0 0 1 14 0c0 4.5-7 12-7 12zM12 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z",
} as const;

export type IconName = keyof typeof paths;

export function Icon(props: { name: IconName; class?: string }): JSX.Element {
  return (
    <svg class={props.class ?? "icon"} viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"
      fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      <path d={paths[props.name]} />
    </svg>
  );
}
