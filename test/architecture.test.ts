// Layers, enforced: the domain never reaches into federation/ or HTTP, and
// only the config module reads the environment.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

const importsOf = (file: string) => [...readFileSync(join(root, file), "utf8").matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]);

describe("architecture", () => {
  it("the domain imports neither federation/ nor the HTTP layer", () => {
    const offenders = sources("server/domain").flatMap((f) =>
      importsOf(f).filter((i) => /federation\/|\/http\/|\/api\/|@fedify|hono/.test(i)).map((i) => `${f} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("db/ imports nothing from server/ or federation/", () => {
    const offenders = sources("db").flatMap((f) => importsOf(f).filter((i) => /server\/|federation\//.test(i)).map((i) => `${f} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it("only server/config.ts reads process.env", () => {
    const readers = ["server", "db", "federation"]
      .flatMap(sources)
      .filter((f) => f !== "server/config.ts" && readFileSync(join(root, f), "utf8").includes("process.env"));
    expect(readers).toEqual([]);
  });

  // Read directly, a pending resource suspends the whole page: a link clicked
  // meanwhile left the old page on screen (the router's transition waited).
  it("web pages read resources through valueOf() or <Loaded>, never by calling them", () => {
    const offenders = sources("web/src").flatMap((f) => {
      const text = readFileSync(join(root, f), "utf8");
      const names = [...text.matchAll(/const \[(\w+)(?:,\s*\{[^}]*\})?\] = createResource/g)].map((m) => m[1]);
      return names.filter((n) => new RegExp(`(?<![\\w.])${n}\\(\\)`).test(text)).map((n) => `${f}: ${n}()`);
    });
    expect(offenders).toEqual([]);
  });
});
