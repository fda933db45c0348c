// Licence rules of the commons, pure: what a network may do with a resource
// it adapts. CC BY-SA adaptations stay CC BY-SA (ShareAlike); CC BY and
// CC BY-SA demand attribution, so the chain cannot be dropped; CC0 demands
// nothing; "all rights reserved" cannot be adapted at all (only referenced).
import type { Attribution, Licence } from "../../../db/schema/commons.ts";
import { fail, ok, type Result } from "../result.ts";

const urls: Record<Licence, string> = {
  "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
  "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
  "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
  // RightsStatements.org "In Copyright": the usual URL for "all rights reserved".
  "all-rights-reserved": "https://rightsstatements.org/vocab/InC/1.0/",
};

export const licenceLabels: Record<Licence, string> = {
  "CC-BY-SA-4.0": "CC BY-SA 4.0",
  "CC-BY-4.0": "CC BY 4.0",
  "CC0-1.0": "CC0 1.0",
  "all-rights-reserved": "Tous droits réservés",
};

/** The `schema:license` URL of a licence. */
export const licenceUrl = (licence: Licence): string => urls[licence];

/** The licence behind a URL (http or https, with or without a trailing slash or a deed page); null if unknown. */
export function licenceFromUrl(url: string | null | undefined): Licence | null {
  if (!url) return null;
  const normalised = url
    .trim()
    .replace(/^http:/, "https:")
    .replace(/(deed\.[a-z-]+|legalcode(\.[a-z-]+)?)$/i, "")
    .replace(/\/?$/, "/");
  for (const [licence, known] of Object.entries(urls)) if (known === normalised) return licence as Licence;
  return null;
}

/** Whether whoever reuses it must name its authors. */
export const demandsAttribution = (licence: Licence): boolean => licence === "CC-BY-SA-4.0" || licence === "CC-BY-4.0";

/** Whether a copy may be changed and republished. */
export const mayAdapt = (licence: Licence): boolean => licence !== "all-rights-reserved";

/** The licences an adaptation of something under `origin` may carry. */
export function adaptationLicences(origin: Licence): Licence[] {
  switch (origin) {
    case "CC-BY-SA-4.0":
      return ["CC-BY-SA-4.0"];
    case "CC-BY-4.0":
      return ["CC-BY-4.0", "CC-BY-SA-4.0", "all-rights-reserved"];
    case "CC0-1.0":
      return ["CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "all-rights-reserved"];
    case "all-rights-reserved":
      return [];
  }
}

/** The licence of a new adaptation: the origin's unless the adapter chose another allowed one. */
export function adaptationLicence(origin: Licence, chosen?: Licence): Result<Licence> {
  if (!mayAdapt(origin)) {
    return fail("forbidden", "licence_forbids_adaptation", "All rights reserved: this resource may be adopted as is, not adapted", "licence");
  }
  return checkLicenceChange(origin, chosen ?? origin);
}

/** May an adaptation of something under `origin` be (re)licensed as `chosen`? */
export function checkLicenceChange(origin: Licence, chosen: Licence): Result<Licence> {
  if (adaptationLicences(origin).includes(chosen)) return ok(chosen);
  if (origin === "CC-BY-SA-4.0") {
    return fail("invalid", "licence_sharealike", "Adapted from a CC BY-SA resource: the adaptation stays under CC BY-SA 4.0", "licence");
  }
  return fail("invalid", "licence_not_allowed", `An adaptation of a ${licenceLabels[origin]} resource cannot be under ${licenceLabels[chosen]}`, "licence");
}

/** The chain of a new adaptation of `origin`: the origin first, then what it was itself adapted from. */
export const extendChain = (origin: Attribution, originChain: Attribution[]): Attribution[] => [origin, ...originChain];

/** Whether some licence along the chain still demands that the attribution be shown. */
export const chainDemandsAttribution = (chain: Attribution[]): boolean => chain.some((link) => demandsAttribution(link.licence));

/** Dropping the attribution chain is allowed only when no licence along it demands it. */
export function mayDropAttribution(chain: Attribution[]): Result<null> {
  return chainDemandsAttribution(chain)
    ? fail("invalid", "attribution_required", "The licence of the original demands that the attribution stays", "derivation")
    : ok(null);
}

/** "Adapté de « X » par réseau Y, CC BY-SA 4.0", for each link of the chain. */
export function attributionLines(chain: Attribution[]): string[] {
  return chain.map((link) => {
    const by = link.authors.length > 0 ? ` (${link.authors.join(", ")})` : "";
    return `Adapté de « ${link.title} » du réseau ${link.networkName}${by}, ${licenceLabels[link.licence]}`;
  });
}
