// An offer or request as a Note that reads well in Mastodon (title in bold,
// the text, the place and availability, hashtags for the theme and the kind,
// a link to its page) and carries FEP-0837 terms for servers that know them:
// `purpose` (offer | request) and `publishes`, an `Intent` whose
// `resourceConformsTo` is the theme.
//
// Fedify's Note has no FEP-0837 properties (its Proposal type does, but
// Mastodon does not display Proposals), so OfferNote adds them to whatever
// JSON-LD form Fedify asks for: compact (with a context entry) or expanded.
import { Note } from "@fedify/vocab";

export const VF = "https://w3id.org/valueflows/ont/vf#";

/** The JSON-LD context entry for the FEP-0837 terms we use. */
export const FEP_0837_CONTEXT = {
  vf: VF,
  Intent: "vf:Intent",
  Proposal: "vf:Proposal",
  purpose: "vf:purpose",
  publishes: { "@id": "vf:publishes", "@type": "@id" },
  action: "vf:action",
  resourceConformsTo: { "@id": "vf:resourceConformsTo", "@type": "@id" },
} as const;

export interface Fep0837 {
  purpose: "offer" | "request";
  /** The theme's IRI. */
  theme: URL;
  /** ValueFlows action: `transfer` for things, `deliverService` for help. */
  action: string;
}

const terms = new WeakMap<object, Fep0837>();

type JsonObject = Record<string, unknown>;

function addCompact(json: JsonObject, t: Fep0837): JsonObject {
  const intent = { type: "Intent", action: t.action, resourceConformsTo: t.theme.href };
  if (!("@context" in json)) {
    // An object embedded without a context of its own: full IRIs.
    return {
      ...json,
      [`${VF}purpose`]: t.purpose,
      [`${VF}publishes`]: { type: `${VF}Intent`, [`${VF}action`]: t.action, [`${VF}resourceConformsTo`]: { id: t.theme.href } },
    };
  }
  const context = Array.isArray(json["@context"]) ? json["@context"] : [json["@context"]];
  return { ...json, "@context": [...context, FEP_0837_CONTEXT], purpose: t.purpose, publishes: intent };
}

function addExpanded(node: JsonObject, t: Fep0837): JsonObject {
  return {
    ...node,
    [`${VF}purpose`]: [{ "@value": t.purpose }],
    [`${VF}publishes`]: [
      {
        "@type": [`${VF}Intent`],
        [`${VF}action`]: [{ "@value": t.action }],
        [`${VF}resourceConformsTo`]: [{ "@id": t.theme.href }],
      },
    ],
  };
}

export class OfferNote extends Note {
  // Its own route name for Fedify's object dispatcher (announcements already
  // dispatch `Note`); the JSON-LD type stays "Note".
  static override get typeId(): URL {
    return new URL("https://w3id.org/fep/0837#OfferNote");
  }

  static with(values: ConstructorParameters<typeof Note>[0], t: Fep0837): OfferNote {
    const note = new OfferNote(values);
    terms.set(note, t);
    return note;
  }

  get fep0837(): Fep0837 | undefined {
    return terms.get(this);
  }

  override clone(...args: Parameters<Note["clone"]>): Note {
    const copy = super.clone(...args);
    const t = terms.get(this);
    if (t) terms.set(copy, t);
    return copy;
  }

  override async toJsonLd(options?: Parameters<Note["toJsonLd"]>[0]): Promise<unknown> {
    const json = await super.toJsonLd(options);
    const t = terms.get(this);
    if (!t) return json;
    if (Array.isArray(json)) return json.map((node, i) => (i === 0 ? addExpanded(node as JsonObject, t) : node));
    return addCompact(json as JsonObject, t);
  }
}
