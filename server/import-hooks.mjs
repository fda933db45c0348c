// Loaded by launch.mjs before the server (`--import`). Node (22–24) reads and
// deserialises a package's package.json again for each file it resolves in
// or into that package: drizzle-orm's is 175 KB (447 exports), read for each
// of its ~450 files and for each of our ~300 files that import it. That made
// ~150 MiB of garbage and seconds of CPU at every start, and V8 kept the
// pages (idle RSS). Three shortcuts, each giving what Node would:
// - relative `.js` imports between drizzle-orm's own files: the package is
//   `"type": "module"` with no nested package.json, so each is an ES module
//   at the URL the specifier names;
// - relative `.ts` imports between our own files (~800 at a start), for the
//   same reason: Node otherwise looks for the package.json above each one
//   and stats and realpaths it (~70 ms of a start, in alternate starts).
//   The parent's URL is already a real path, and the tree holds no symlinks;
//   a file that is not there fails to load, naming it;
// - a bare specifier (`drizzle-orm/pg-core`, `hono`) imported from our own
//   files (outside node_modules) is resolved once: they all resolve it from
//   the same node_modules, with the same conditions.
import { registerHooks } from "node:module";

const insideDrizzle = /\/node_modules\/drizzle-orm\//;
const relative = (specifier) => specifier.startsWith("./") || specifier.startsWith("../");
const bare = (specifier) => !relative(specifier) && !specifier.startsWith("/") && !/^[a-z][a-z0-9+.-]*:/i.test(specifier);
const fromOurFiles = new Map();

// Node 22.15+ (older Nodes start as before, only slower).
registerHooks?.({
  resolve(specifier, context, nextResolve) {
    const parent = context.parentURL;
    if (!parent?.startsWith("file:")) return nextResolve(specifier, context);
    if (insideDrizzle.test(parent) && relative(specifier) && specifier.endsWith(".js")) {
      return { url: new URL(specifier, parent).href, format: "module", shortCircuit: true };
    }
    const ours = !parent.includes("/node_modules/");
    if (ours && relative(specifier) && specifier.endsWith(".ts")) {
      return { url: new URL(specifier, parent).href, format: "module-typescript", shortCircuit: true };
    }
    if (!ours || !bare(specifier)) return nextResolve(specifier, context);
    const key = `${specifier}\n${context.conditions?.join(",")}\n${JSON.stringify(context.importAttributes ?? {})}`;
    let resolved = fromOurFiles.get(key);
    if (!resolved) fromOurFiles.set(key, (resolved = { ...nextResolve(specifier, context), shortCircuit: true }));
    return resolved;
  },
});
