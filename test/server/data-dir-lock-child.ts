// A contender for data-dir-lock.test.ts: on "go DIR" it tries to take the
// lock of DIR and answers "held" or "busy"; on "release" it lets it go.
import { createInterface } from "node:readline";
import { tryLock, type HeldLock } from "../../server/data-dir-lock.ts";

let lock: HeldLock | undefined;
createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, dir] = line.split(" ");
  if (command === "go") {
    lock = tryLock(dir, {});
    process.stdout.write(lock ? "held\n" : "busy\n");
  } else if (command === "release") {
    lock?.release();
    lock = undefined;
    process.stdout.write("released\n");
  }
});
process.stdout.write("ready\n");
