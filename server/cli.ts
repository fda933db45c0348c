#!/usr/bin/env -S node --experimental-strip-types --disable-warning=ExperimentalWarning
// `npx maillage ...`: works whether or not the server runs. With PGlite, when
// the server holds the data directory, the command runs inside the server.
import { ConfigError, loadConfig } from "./config.ts";
import { forwardToServer, runCaptured } from "./cli/control.ts";
import { lockHolder } from "./data-dir-lock.ts";
import { openInstanceDatabase } from "./instance-database.ts";

async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  const holder = config.databaseUrl ? undefined : lockHolder(config.dataDir);
  const output = holder?.controlSocket
    ? await forwardToServer(holder.controlSocket, argv)
    : await runLocally(config, argv);
  for (const line of output.out) process.stdout.write(line + "\n");
  for (const line of output.err) process.stderr.write(line + "\n");
  return output.code;
}

async function runLocally(config: ReturnType<typeof loadConfig>, argv: string[]) {
  const handle = await openInstanceDatabase(config);
  try {
    return await runCaptured({ db: handle.db, publicUrl: config.publicUrl }, argv);
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`Error: ${e instanceof ConfigError || e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
