// Node writes its compile cache (enabled by server/launch.mjs) at exit. It is
// also written a few seconds after modules are loaded, so that a server that is
// killed still starts faster the next time; not at once, as a first start
// writes a thousand files, which would hold back the first answers.
import nodeModule from "node:module";

const AFTER_MS = 5_000;
let pending: NodeJS.Timeout | undefined;

export function flushCompileCacheSoon(): void {
  if (pending || !nodeModule.getCompileCacheDir?.()) return;
  pending = setTimeout(() => {
    pending = undefined;
    nodeModule.flushCompileCache?.();
  }, AFTER_MS);
  pending.unref();
}
