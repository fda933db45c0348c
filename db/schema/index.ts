export * from "./members.ts";
export * from "./networks.ts";
export * from "./invitations.ts";
export * from "./themes.ts";
export * from "./sponsorships.ts";
export * from "./fedify.ts";
export * from "./federation.ts";
