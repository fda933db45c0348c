// Where `npm run build` writes the PGlite template (db/pglite-template.ts), in
// a module of its own so that reading the configuration does not load PGlite.
import { join } from "node:path";

/** Beside the migrations it is made from; gitignored (a build output). */
export const defaultPgliteTemplate = join(import.meta.dirname, "dist", "pglite-template.tar.gz");
