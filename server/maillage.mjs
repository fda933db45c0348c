#!/usr/bin/env node
// `npx maillage ...` (package.json "bin"): the CLI (cli.ts), started the way
// `npm start` starts the server, through server/launch.mjs (its Node version
// check, compile cache and flags).
process.argv.splice(2, 0, "cli.ts");
await import("./launch.mjs");
