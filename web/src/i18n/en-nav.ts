import type { frNav } from "./fr-nav.ts";

export const enNav: Record<keyof typeof frNav, string> = {
  "nav.network": "My network",
  "nav.networkShort": "Network",
  "nav.offersShort": "Offers",
  "nav.agenda": "Network agenda",
  "nav.agendaShort": "Agenda",
  "nav.library": "Library",
  "nav.libraryShort": "Library",
  "nav.notificationsShort": "Alerts",
  "nav.meShort": "Me",
  "nav.following": "What I follow",
  "nav.animation": "Running the network",
  "nav.adminFederation": "Instance federation",
  "nav.menu": "Menu",
  "nav.close": "Close the menu",
  "nav.all": "All pages",
  "animation.intro": "The animation group's tools: invite, welcome, make partnerships, set up the network.",
  "animation.notAllowed": "This page is for the network's animation group.",
};
