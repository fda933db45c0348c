// Counts the SQL statements a database handle sends (PGlite's query/exec,
// postgres.js's unsafe: what Drizzle calls), to check that work is batched or
// that an idle server sends none.
import type { DatabaseHandle } from "../../db/client.ts";

export interface StatementCounter {
  readonly count: number;
  /** The start of each statement's text, in order. */
  readonly texts: string[];
  stop(): void;
}

export function countStatements(handle: DatabaseHandle): StatementCounter {
  const client = (handle.db as unknown as { $client: Record<string, (...args: unknown[]) => unknown> }).$client;
  const names = handle.kind === "pglite" ? ["query", "exec"] : ["unsafe"];
  const texts: string[] = [];
  const originals = names.map((name) => [name, client[name], Object.hasOwn(client, name)] as const);
  for (const [name, original] of originals) {
    client[name] = (...args: unknown[]) => {
      texts.push(String(args[0]).slice(0, 120));
      return original.apply(client, args);
    };
  }
  return {
    get count() {
      return texts.length;
    },
    texts,
    stop: () => {
      for (const [name, original, own] of originals) {
        if (own) client[name] = original;
        else delete client[name];
      }
    },
  };
}
