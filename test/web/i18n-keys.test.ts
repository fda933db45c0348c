// The dictionaries are spread together from one file per capability: a key
// defined in two of them silently shows one capability's words in the other's
// page (the admin's federation page once read « Personnes bloquées »).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = join(import.meta.dirname, "..", "..", "web", "src", "i18n");

describe.each(["fr", "en"])("the %s dictionary", (lang) => {
  it("defines each key in one file only", () => {
    const owners = new Map<string, string[]>();
    for (const file of readdirSync(dir).filter((f) => f === `${lang}.ts` || f.startsWith(`${lang}-`))) {
      for (const [, key] of readFileSync(join(dir, file), "utf8").matchAll(/^\s+"([^"]+)":/gm)) {
        owners.set(key, [...(owners.get(key) ?? []), file]);
      }
    }
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});
