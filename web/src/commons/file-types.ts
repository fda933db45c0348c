// « application/pdf » says nothing to most people: a file's kind in words.
import { t, type MessageKey } from "../i18n/index.ts";

const kinds: [RegExp, MessageKey][] = [
  [/^application\/pdf$/, "fileType.pdf"],
  [/^image\//, "fileType.image"],
  [/(msword|wordprocessing|opendocument\.text|rtf)/, "fileType.text"],
  [/(excel|spreadsheet|opendocument\.spreadsheet|text\/csv)/, "fileType.sheet"],
  [/(powerpoint|presentation)/, "fileType.slides"],
  [/^text\//, "fileType.plain"],
];

export function fileTypeLabel(contentType: string | null | undefined): string {
  if (!contentType) return "";
  const found = kinds.find(([pattern]) => pattern.test(contentType));
  return found ? t(found[1]) : t("fileType.other");
}
