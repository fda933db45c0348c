// Unexpected errors are logged once, with the request id, at most ten a
// minute with their stack; a client's mistake that reaches the database is a
// 400 logged without a stack trace.
import { configure, reset, type LogRecord } from "@logtape/logtape";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rateLimitedErrorLog } from "../../server/http/error-log.ts";
import { errorHandler } from "../../server/http/errors.ts";

const records: LogRecord[] = [];
beforeAll(async () => {
  await configure({
    reset: true,
    sinks: { memory: (record) => void records.push(record) },
    loggers: [
      { category: ["maillage"], lowestLevel: "debug", sinks: ["memory"] },
      { category: ["logtape", "meta"], lowestLevel: "fatal", sinks: [] },
    ],
  });
});
afterAll(() => reset());
beforeEach(() => void (records.length = 0));

const app = new Hono()
  .use(requestId())
  .get("/boom", () => {
    throw new Error("boom");
  })
  .get("/bad-value", () => {
    throw new Error("Failed query: select …", { cause: Object.assign(new Error('invalid input syntax for type uuid: "x"'), { code: "22P02" }) });
  })
  // Its own log budget: the app's handler is shared by every file run in this worker before.
  .onError(errorHandler());

describe("error log", () => {
  it("an unexpected error: 500 with the JSON error, logged once with the request id and the stack", async () => {
    const res = await app.request("/boom");
    expect(res.status).toBe(500);
    expect((await res.json()).error.code).toBe("internal_error");
    const errors = records.filter((r) => r.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0].properties.requestId).toBe(res.headers.get("x-request-id"));
    expect((errors[0].properties.error as Error).stack).toContain("boom");
  });

  it("a value the database refuses: 400, a warning line without a stack trace", async () => {
    const res = await app.request("/bad-value");
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_input");
    expect(records.filter((r) => r.level === "error")).toEqual([]);
    const [warning] = records.filter((r) => r.level === "warning");
    expect(Object.values(warning.properties).some((v) => v instanceof Error)).toBe(false);
  });

  it("at most ten a minute, then one line counting the rest", () => {
    let now = 0;
    const log = rateLimitedErrorLog(10, () => now);
    for (let i = 0; i < 500; i++) log("Unhandled {i}", { i });
    expect(records.filter((r) => r.level === "error")).toHaveLength(10);
    now = 61_000;
    log("Unhandled {i}", { i: 500 });
    expect(records.filter((r) => r.level === "warning").map((r) => r.properties.suppressed)).toEqual([490]);
    expect(records.filter((r) => r.level === "error")).toHaveLength(11);
  });
});
