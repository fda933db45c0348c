import { AsyncLocalStorage } from "node:async_hooks";
import { configure, getConsoleSink, type LogLevel } from "@logtape/logtape";

/** Logs go to the console (12-factor); categories are ["maillage", ...] and ["fedify", ...]. */
export async function configureLogging(level: LogLevel): Promise<void> {
  await configure({
    reset: true,
    // Fedify attaches request context (trace ids) to log records through it.
    contextLocalStorage: new AsyncLocalStorage(),
    sinks: { console: getConsoleSink() },
    loggers: [
      { category: ["maillage"], lowestLevel: level, sinks: ["console"] },
      { category: ["fedify"], lowestLevel: level === "debug" ? "debug" : "warning", sinks: ["console"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["console"] },
    ],
  });
}
