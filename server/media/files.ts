// The bytes of uploaded media, one file per media id under DATA_DIR/media.
// Writes go to a temporary name first: a crash never leaves half a file
// under a real id.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class MediaFiles {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  path(id: string): string {
    if (!uuid.test(id)) throw new Error(`Not a media id: ${id}`);
    return join(this.dir, id);
  }

  async write(id: string, bytes: Uint8Array): Promise<void> {
    const temporary = join(this.dir, `.${randomUUID()}.part`);
    await writeFile(temporary, bytes, { mode: 0o600 });
    await rename(temporary, this.path(id));
  }

  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }

  /** Ids of the files older than `olderThan` (temporary files included, by name). */
  async filesOlderThan(olderThan: Date): Promise<string[]> {
    const names = await readdir(this.dir);
    const old: string[] = [];
    for (const name of names) {
      const info = await stat(join(this.dir, name)).catch(() => null);
      if (info && info.mtime < olderThan) old.push(name);
    }
    return old;
  }

  async removeName(name: string): Promise<void> {
    await rm(join(this.dir, name.replace(/[\\/]/g, "")), { force: true });
  }
}

const byDir = new Map<string, MediaFiles>();

/** The media files of an instance's data directory (one object per directory). */
export function mediaFilesIn(dataDir: string): MediaFiles {
  const dir = join(dataDir, "media");
  let files = byDir.get(dir);
  if (!files) byDir.set(dir, (files = new MediaFiles(dir)));
  return files;
}

export const isMediaId = (id: string) => uuid.test(id);
