// Licence rules of the commons: what an adaptation may carry, and when the
// attribution chain must stay.
import { describe, expect, it } from "vitest";
import type { Attribution, Licence } from "../../db/schema/commons.ts";
import {
  adaptationLicence,
  attributionLines,
  chainDemandsAttribution,
  checkLicenceChange,
  extendChain,
  licenceFromUrl,
  licenceUrl,
  mayDropAttribution,
} from "../../server/domain/commons/licences.ts";

const link = (licence: Licence, title = "Animer un café"): Attribution => ({
  id: `https://a.example/n/lilas/r/${title.length}`,
  url: null,
  title,
  networkId: "https://a.example/n/lilas",
  networkName: "Les Lilas",
  authors: ["Amélie"],
  licence,
});

describe("adapting", () => {
  it("keeps a CC BY-SA adaptation under CC BY-SA (ShareAlike), whatever is asked", () => {
    expect(adaptationLicence("CC-BY-SA-4.0")).toEqual({ ok: true, value: "CC-BY-SA-4.0" });
    for (const other of ["CC-BY-4.0", "CC0-1.0", "all-rights-reserved"] as const) {
      const result = adaptationLicence("CC-BY-SA-4.0", other);
      expect(result).toMatchObject({ ok: false, error: { code: "licence_sharealike", field: "licence" } });
    }
  });

  it("refuses to adapt an all-rights-reserved resource", () => {
    expect(adaptationLicence("all-rights-reserved")).toMatchObject({ ok: false, error: { code: "licence_forbids_adaptation", kind: "forbidden" } });
  });

  it("lets CC BY be adapted under CC BY or CC BY-SA, and CC0 under anything", () => {
    expect(adaptationLicence("CC-BY-4.0", "CC-BY-SA-4.0")).toEqual({ ok: true, value: "CC-BY-SA-4.0" });
    expect(adaptationLicence("CC-BY-4.0", "CC0-1.0")).toMatchObject({ ok: false, error: { code: "licence_not_allowed" } });
    expect(adaptationLicence("CC0-1.0", "all-rights-reserved")).toEqual({ ok: true, value: "all-rights-reserved" });
  });

  it("checks a later licence change against the original's licence", () => {
    expect(checkLicenceChange("CC-BY-SA-4.0", "CC-BY-4.0")).toMatchObject({ ok: false, error: { code: "licence_sharealike" } });
    expect(checkLicenceChange("CC-BY-4.0", "CC-BY-SA-4.0").ok).toBe(true);
  });
});

describe("attribution", () => {
  it("is demanded along a chain as long as one licence in it demands it", () => {
    expect(chainDemandsAttribution([link("CC0-1.0")])).toBe(false);
    expect(chainDemandsAttribution([link("CC0-1.0"), link("CC-BY-4.0")])).toBe(true);
    expect(mayDropAttribution([link("CC-BY-SA-4.0")])).toMatchObject({ ok: false, error: { code: "attribution_required", field: "derivation" } });
    expect(mayDropAttribution([link("CC0-1.0")]).ok).toBe(true);
  });

  it("grows nearest origin first, and reads as French lines", () => {
    const chain = extendChain(link("CC-BY-SA-4.0", "Café v2"), [link("CC-BY-SA-4.0", "Café")]);
    expect(chain.map((l) => l.title)).toEqual(["Café v2", "Café"]);
    expect(attributionLines(chain)[0]).toBe("Adapté de « Café v2 » du réseau Les Lilas (Amélie), CC BY-SA 4.0");
  });
});

describe("licence URLs", () => {
  it("round-trip, and read http, deed pages and missing slashes", () => {
    for (const licence of ["CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0", "all-rights-reserved"] as const) expect(licenceFromUrl(licenceUrl(licence))).toBe(licence);
    expect(licenceFromUrl("http://creativecommons.org/licenses/by-sa/4.0/deed.fr")).toBe("CC-BY-SA-4.0");
    expect(licenceFromUrl("https://creativecommons.org/licenses/by/4.0")).toBe("CC-BY-4.0");
    expect(licenceFromUrl("https://example.org/my-licence")).toBeNull();
    expect(licenceFromUrl(null)).toBeNull();
  });
});
