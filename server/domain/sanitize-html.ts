// sanitize-html (~70 files) read at its first use, not at start (first-use.ts):
// remote HTML (federation/html.ts) and the commons' Markdown (markdown.ts) share it.
import type sanitizeHtml from "sanitize-html";
import { onFirstUse } from "./first-use.ts";

export const sanitizer = onFirstUse((require) => require("sanitize-html") as typeof sanitizeHtml);
