// Child process for queue-restart.test.ts: enqueues a delayed message and sets a
// KV entry in the database given as a JSON argument, then exits.
import { Temporal as Polyfill } from "@js-temporal/polyfill";
import { openDatabase, type DatabaseTarget } from "../../db/client.ts";
import { PostgresKvStore } from "../../db/kv-store.ts";
import { PostgresMessageQueue } from "../../db/message-queue.ts";
import { migrate } from "../../db/migrate.ts";

const target = JSON.parse(process.argv[2]) as DatabaseTarget;
const handle = await openDatabase(target);
await migrate(handle);
const enqueuedAt = Date.now();
await new PostgresMessageQueue(handle).enqueue(
  { type: "delayed", pid: process.pid },
  // Fedify runs on this polyfill; its types name the global Temporal.
  { delay: Polyfill.Duration.from({ seconds: 2 }) as unknown as Temporal.Duration },
);
await new PostgresKvStore(handle.db).set(["restart", "kv"], { from: process.pid });
await handle.close();
process.stdout.write(JSON.stringify({ enqueuedAt, pid: process.pid }));
