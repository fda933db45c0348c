// What a stream tells an app when the top of its home timeline changes.
import { describe, expect, it } from "vitest";
import { compare, windowOf, windowSize, type Item } from "../../../../server/mastodon/streaming/home-window.ts";

/** Items with ids "100", "099"… (newest first), as a timeline's page. */
const items = (from: number, n: number): Item[] => Array.from({ length: n }, (_, i) => ({ id: String(from - i).padStart(3, "0"), editedAt: null }));

describe("the home timeline's first page, compared", () => {
  it("a new item on top is added; the one it crowds out at the bottom is not deleted", () => {
    const before = windowOf(items(100, windowSize));
    const now = items(101, windowSize);
    expect(compare(before, now)).toEqual({ added: [now[0]], edited: [], removed: [] });
  });

  it("an item gone from the newer half is deleted; the older one sliding up is not new", () => {
    const page = items(100, windowSize + 1);
    const before = windowOf(page.slice(0, windowSize));
    const now = page.filter((d) => d.id !== "098").slice(0, windowSize);
    expect(compare(before, now)).toEqual({ added: [], edited: [], removed: ["098"] });
  });

  it("an edit is told as such, oldest first with the others", () => {
    const before = windowOf(items(5, 5));
    const now = items(5, 5).map((d) => (d.id === "003" || d.id === "004" ? { ...d, editedAt: new Date("2030-01-01T10:00:00Z") } : d));
    expect(compare(before, now).edited.map((d) => d.id)).toEqual(["003", "004"]);
  });

  it("on a page that is not full, anything gone was deleted and anything new is new", () => {
    const before = windowOf(items(5, 5));
    const now = [{ id: "004", editedAt: null }, ...items(2, 2), { id: "000", editedAt: null }];
    const changes = compare(before, now);
    expect(changes.removed).toEqual(["005", "003"]);
    expect(changes.added.map((d) => d.id)).toEqual(["000"]);
  });
});
