// `npm start`: reads the configuration, claims a PGlite data directory (which
// starts unpacking the template into a new one, in a child process), and only
// then loads the server's ~1,000 modules (server/serve.ts): a first start's
// unpacking and module loading overlap instead of following each other.
import { join } from "node:path";
import { loadConfig } from "./config.ts";
import { claimDataDir } from "./data-dir-claim.ts";
import { configureLogging } from "./logging.ts";

try {
  const config = loadConfig();
  await configureLogging(config.logLevel);
  // The control socket is named in the lock, as server/serve.ts opens it.
  const claimed = !config.databaseUrl && config.role === "all"
    ? claimDataDir(config.dataDir, config.pgliteTemplate, { controlSocket: join(config.dataDir, "control.sock") })
    : undefined;
  // Awaited (and its failure reported) by start().
  claimed?.catch(() => {});
  const { start } = await import("./serve.ts");
  await start(config, claimed);
} catch (e) {
  process.stderr.write(`Maillage cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
