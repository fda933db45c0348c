// `npm run build`: writes the migrated PGlite template a first start loads
// (db/pglite-template.ts). Usage: node db/build-pglite-template.ts [FILE]
import { defaultPgliteTemplate } from "./pglite-template-path.ts";
import { writePgliteTemplate } from "./pglite-template.ts";

const file = process.argv[2] ?? defaultPgliteTemplate;
const bytes = await writePgliteTemplate(file);
console.log(`PGlite template for first starts: ${file} (${(bytes / 2 ** 20).toFixed(1)} MiB)`);
