// What an uploaded file really is, from its bytes (never its name or declared
// type), and the form we keep it in. Photos are decoded and re-encoded: that
// proves they are images and strips their metadata (a phone photo's GPS
// position would give away a home's exact address).
// file-type and sharp (libvips) are loaded on the first upload: ~30 MiB an idle server does not hold.
import type { MediaPurpose } from "../../db/schema/index.ts";
import { fail, ok, type Result } from "../domain/result.ts";

export const maxBytes: Record<MediaPurpose, number> = { photo: 10 * 1024 * 1024, document: 20 * 1024 * 1024 };
const maxPhotoSide = 2048;
// A decompression bomb stops here (50 megapixels is above any phone camera).
const maxInputPixels = 50_000_000;

export interface Content {
  bytes: Uint8Array;
  contentType: string;
  extension: string;
  width?: number;
  height?: number;
}

const photoTypes = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "image/avif", "image/tiff"]);
const documentTypes = new Set([
  "application/pdf",
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/gif",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.oasis.opendocument.presentation",
]);

const refused = (what: string) => fail("invalid", "file_type_refused", `This file is not ${what}`, "file");

export async function inspect(bytes: Uint8Array, purpose: MediaPurpose): Promise<Result<Content>> {
  if (bytes.byteLength === 0) return fail("invalid", "file_missing", "The file is empty", "file");
  if (bytes.byteLength > maxBytes[purpose]) {
    return fail("too_large", "file_too_large", `The file is larger than ${maxBytes[purpose] / 1024 / 1024} MiB`, "file");
  }
  const { fileTypeFromBuffer } = await import("file-type");
  const detected = await fileTypeFromBuffer(bytes);
  if (purpose === "photo") {
    if (!detected || !photoTypes.has(detected.mime)) return refused("a photo (JPEG, PNG, WebP, GIF or AVIF)");
    return reencodePhoto(bytes);
  }
  if (detected && documentTypes.has(detected.mime)) return ok({ bytes, contentType: detected.mime, extension: detected.ext });
  if (!detected && isPlainText(bytes)) return ok({ bytes, contentType: "text/plain; charset=utf-8", extension: "txt" });
  return refused("a document we accept (PDF, office document, image or plain text)");
}

async function reencodePhoto(bytes: Uint8Array): Promise<Result<Content>> {
  const { default: sharp } = await import("sharp");
  try {
    // rotate() applies the EXIF orientation; sharp drops all metadata by default.
    const image = sharp(bytes, { limitInputPixels: maxInputPixels }).rotate();
    const { hasAlpha } = await image.metadata();
    const resized = image.resize({ width: maxPhotoSide, height: maxPhotoSide, fit: "inside", withoutEnlargement: true });
    const { data, info } = await (hasAlpha ? resized.png() : resized.jpeg({ quality: 82, mozjpeg: true })).toBuffer({ resolveWithObject: true });
    return ok({
      bytes: new Uint8Array(data),
      contentType: hasAlpha ? "image/png" : "image/jpeg",
      extension: hasAlpha ? "png" : "jpg",
      width: info.width,
      height: info.height,
    });
  } catch {
    return refused("a photo we can read");
  }
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A file name safe for Content-Disposition and URLs, with the extension of what the file is. */
export function safeName(original: string, extension: string): string {
  const base = (original.split(/[\\/]/).pop() ?? "")
    .replace(/\.[^.]*$/, "")
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}_-]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${base || "fichier"}.${extension}`;
}
