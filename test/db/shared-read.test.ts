// db/shared-read.ts: callers that ask together share one read, and nobody gets
// a result read before they asked (a change committed before is seen).
import { describe, expect, it } from "vitest";
import { sharedRead } from "../../db/shared-read.ts";

/** A query whose reads wait until released, each returning the value at its start. */
function gatedQuery() {
  let value = 0;
  const started: (() => void)[] = [];
  const query = () => {
    const at = value;
    return new Promise<number>((resolve) => started.push(() => resolve(at)));
  };
  return { query, started, write: (v: number) => (value = v) };
}

describe("sharedRead", () => {
  it("gives callers who ask while a read runs the next read, one for all of them", async () => {
    const q = gatedQuery();
    const read = sharedRead(q.query);
    const first = read();
    expect(q.started).toHaveLength(1);
    q.write(1); // committed while the first read runs
    const [a, b] = [read(), read()];
    expect(q.started).toHaveLength(1); // they wait for the running one
    q.started[0]();
    expect(await first).toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(q.started).toHaveLength(2); // one more read for both
    q.started[1]();
    expect(await Promise.all([a, b])).toEqual([1, 1]);
    const c = read();
    expect(q.started).toHaveLength(3); // none running: a read of its own at once
    q.started[2]();
    expect(await c).toBe(1);
  });

  it("reads again after a failed read", async () => {
    let calls = 0;
    const read = sharedRead(async () => {
      calls++;
      if (calls === 1) throw new Error("down");
      return calls;
    });
    const first = read();
    const second = read();
    await expect(first).rejects.toThrow("down");
    expect(await second).toBe(2);
  });
});
