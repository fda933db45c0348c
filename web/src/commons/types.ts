// The commons' API shapes, as the web client reads them.
import type { Visibility } from "../federation-types.ts";

export type ResourceKind = "fiche" | "kit" | "formation" | "materiel" | "lieu";
export type Licence = "CC-BY-SA-4.0" | "CC-BY-4.0" | "CC0-1.0" | "all-rights-reserved";
export const resourceKinds: ResourceKind[] = ["fiche", "kit", "formation", "materiel", "lieu"];
export const licences: Licence[] = ["CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0", "all-rights-reserved"];

export interface Source {
  id: string;
  name: string;
  slug: string | null;
  local: boolean;
}

export interface Attribution {
  id: string;
  url: string | null;
  title: string;
  networkId: string;
  networkName: string;
  authors: string[];
  licence: Licence;
}

export interface FileView {
  id?: string;
  url: string;
  contentType: string | null;
  name: string | null;
  size?: number;
}

/** A resource of ours or of a partner (`available` only for partners' ones). */
export interface Resource {
  id: string;
  url: string;
  kind: ResourceKind;
  title: string;
  summary: string;
  body: string;
  bodyHtml: string;
  tags: string[];
  themes: string[];
  authors: string[];
  licence: Licence;
  licenceLabel: string;
  licenceUrl: string;
  visibility?: Visibility;
  version?: number;
  derivation: Attribution[];
  attribution: string[];
  attributionRequired: boolean;
  source: Source;
  files: FileView[];
  available?: boolean;
  updatedAt: string;
}

export interface LibraryItem {
  ref: string;
  id: string | null;
  kind: ResourceKind;
  title: string;
  summary: string;
  licence: Licence;
  licenceLabel: string;
  visibility: Visibility | null;
  attribution: string[];
  source: Source;
  own: boolean;
  adopted: boolean;
  updatedAt: string;
}

export interface VersionSummary {
  number: number;
  title: string;
  editedBy: string | null;
  createdAt: string;
}

export interface OutgoingBooking {
  id: string;
  resource: { id: string; title: string };
  startsAt: string;
  endsAt: string;
  state: Booking["state"];
}

export interface Booking {
  id: string;
  network: { slug: string | null; id: string | null; name: string };
  startsAt: string;
  endsAt: string;
  state: "requested" | "accepted" | "declined" | "cancelled";
  message: string;
  requestedBy: string | null;
}

export interface NewResource {
  kind: ResourceKind;
  title: string;
  summary?: string;
  body?: string;
  tags?: string[];
  themes?: string[];
  authors?: string[];
  licence?: Licence;
  visibility?: Visibility;
  media?: string[];
}

export interface LibraryFilters {
  q?: string;
  kind?: string;
  theme?: string;
  licence?: string;
  scope?: "own" | "partners" | "all";
}
