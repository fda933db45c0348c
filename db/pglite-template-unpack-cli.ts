// server/data-dir-claim.ts runs this on a worker thread: the template's ~1,400
// files are written while the main thread loads the server's modules.
import { parentPort, workerData } from "node:worker_threads";
import { unpackTemplate } from "./pglite-template-unpack.ts";

const { file, pgliteDir } = workerData as { file: string; pgliteDir: string };
parentPort!.postMessage(unpackTemplate(file, pgliteDir));
