// server/data-dir-claim.ts runs this in a child process: the template's ~1,400
// files are written while the server loads its modules, and all the memory the
// unpacking took goes back to the system when it exits. (A worker thread's
// malloc arena kept 20 to 30 MiB of a first start's idle RSS, measured with
// `npm run bench startup`.) Prints its UnpackResult as JSON.
import { unpackTemplate } from "./pglite-template-unpack.ts";

const [file, pgliteDir] = process.argv.slice(2);
// A server killed while this runs no longer holds the data directory, and a
// new one may be filling it: the unpacked copy is then not put in place.
const server = process.ppid;
process.stdout.write(JSON.stringify(unpackTemplate(file!, pgliteDir!, () => process.ppid === server)));
