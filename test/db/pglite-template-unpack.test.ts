// The template's unpacking into a new data directory (server/data-dir-claim.ts
// runs it in a child process): all or nothing.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { unpackTemplate } from "../../db/pglite-template-unpack.ts";

const template = inject("pgliteTemplate");
const made: string[] = [];
const newDir = () => made[made.push(mkdtempSync(join(tmpdir(), "maillage-unpack-"))) - 1]!;
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("unpacking the PGlite template", () => {
  it("fills a new data directory", () => {
    const dataDir = newDir();
    expect(unpackTemplate(template, join(dataDir, "pglite"))).toEqual({ unpacked: true });
    expect(existsSync(join(dataDir, "pglite", "PG_VERSION"))).toBe(true);
    expect(readdirSync(dataDir)).toEqual(["pglite"]);
  });

  it("puts nothing in place when no longer wanted (its server was killed meanwhile)", () => {
    const dataDir = newDir();
    expect(unpackTemplate(template, join(dataDir, "pglite"), () => false)).toMatchObject({ unpacked: false, missing: false });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("says whether the template is missing or damaged, and leaves nothing behind", () => {
    const dataDir = newDir();
    expect(unpackTemplate(join(dataDir, "none.tar.gz"), join(dataDir, "pglite"))).toEqual({ unpacked: false, missing: true });
    const damaged = join(dataDir, "damaged.tar.gz");
    writeFileSync(damaged, "not a tarball");
    expect(unpackTemplate(damaged, join(dataDir, "pglite"))).toMatchObject({ unpacked: false, missing: false, problem: expect.any(String) });
    expect(readdirSync(dataDir)).toEqual(["damaged.tar.gz"]);
  });
});
