// The shape of the impact figures: one schema for the API's documentation
// (OpenAPI), the server's types and the web client's (which imports the type).
// Every figure is a count for the period and for the one before it.
import { z } from "zod";

const Pair = z.object({ current: z.number().int(), previous: z.number().int() }).describe("A count for the period and for the previous one");
const Theme = z.object({ slug: z.string(), labelFr: z.string(), labelEn: z.string() });
const Period = z.object({ from: z.string().describe("First day, YYYY-MM-DD (Europe/Paris)"), to: z.string().describe("Last day, included") });

export const ThemeFigures = z.object({
  theme: Theme,
  offers: Pair.describe("Offers posted"),
  requests: Pair.describe("Requests posted"),
  answered: Pair.describe("Offers and requests posted in the period that someone answered"),
  exchanges: Pair.describe("Exchanges done"),
});

export const KindFigures = z.object({
  kind: z.string().describe("Event kind: cafe, fete, atelier, formation, action, reunion"),
  held: Pair,
  going: Pair.describe("Answers « je viens »"),
  attended: Pair.describe("People ticked as present by the organiser"),
});

export const MonthFigures = z.object({
  month: z.string().describe("YYYY-MM"),
  newMembers: z.number().int(),
  offers: z.number().int(),
  requests: z.number().int(),
  exchanges: z.number().int(),
  events: z.number().int(),
  going: z.number().int(),
  attended: z.number().int(),
});

/** A network's totals: what a public summary and a regional network see (never a breakdown). */
export const Totals = z.object({
  members: z.number().int(),
  households: z.number().int().describe("Households reached (see the households rule in README)"),
  newMembers: z.number().int(),
  activeMembers: z.number().int(),
  offersPosted: z.number().int(),
  exchanges: z.number().int(),
  eventsHeld: z.number().int(),
  going: z.number().int(),
  resourcesPublished: z.number().int(),
});

export const PartnerTotals = z.object({
  network: z.object({ slug: z.string(), name: z.string() }),
  totals: Totals,
});

export const ImpactFigures = z.object({
  network: z.object({ slug: z.string(), name: z.string() }),
  period: Period,
  previous: Period,
  members: z.object({
    total: Pair.describe("Members at the end of the period (sponsored members included)"),
    new: Pair,
    active: Pair.describe("Members who posted, answered, exchanged or came to an event"),
    sponsored: Pair.describe("Members with a sponsor, at the end of the period"),
  }),
  households: z
    .object({
      total: Pair.describe("Households reached at the end of the period: members the animators put in the same household count once, the others one each"),
      new: Pair.describe("Households whose first member joined in the period"),
      active: Pair.describe("Households with an active member"),
    })
    .describe("Households (foyers) reached"),
  offers: z.object({ offers: Pair, requests: Pair, answered: Pair }),
  exchanges: z.object({
    done: Pair,
    members: Pair.describe("Distinct members who took part in an exchange"),
    thanks: Pair.describe("Thank-you notes given"),
  }),
  themes: z.array(ThemeFigures),
  events: z.object({
    held: Pair.describe("Events held (not cancelled, started)"),
    going: Pair,
    attended: Pair,
    withAttendance: Pair.describe("Events whose organiser ticked who came"),
  }),
  eventKinds: z.array(KindFigures),
  commons: z.object({
    published: Pair.describe("Resources added to the library"),
    adopted: Pair.describe("Our resources adopted by partner networks"),
    adapted: Pair.describe("Our resources adapted by partner networks"),
    materielBooked: Pair.describe("Bookings of our matériel (accepted, starting in the period)"),
    lieuBooked: Pair.describe("Bookings of our lieux"),
    borrowed: Pair.describe("Our bookings of partners' matériel and lieux"),
  }),
  partnerships: z.object({ active: Pair.describe("Active at the end of the period"), new: Pair }),
  months: z.array(MonthFigures).describe("The months of the period, at least the last 12, for the charts"),
  partners: z
    .object({
      shared: z.array(PartnerTotals).describe("Partner networks that share their totals with this one"),
      sum: Totals,
      notSharing: z.array(z.object({ name: z.string(), local: z.boolean() })).describe("Partners that do not share (or are on another instance)"),
    })
    .nullable()
    .describe("For a regional network (setting showPartners): its partners' totals for the period"),
});

export const ImpactSummary = z.object({
  network: z.object({ slug: z.string(), name: z.string() }),
  public: z.boolean().describe("Shown to everyone (else only the animation group reads it)"),
  period: Period,
  totals: Totals,
});

export const ImpactSettings = z.object({
  publicSummary: z.boolean().describe("Anyone sees this year's totals on the network page"),
  shareWithPartners: z.boolean().describe("Partner networks (a regional network) may count our totals"),
  showPartners: z.boolean().describe("We are a regional network: show the totals our partners share"),
});

export type Pair = z.infer<typeof Pair>;
export type ThemeFigures = z.infer<typeof ThemeFigures>;
export type KindFigures = z.infer<typeof KindFigures>;
export type MonthFigures = z.infer<typeof MonthFigures>;
export type Totals = z.infer<typeof Totals>;
export type ImpactFigures = z.infer<typeof ImpactFigures>;
export type ImpactSummary = z.infer<typeof ImpactSummary>;
export type ImpactSettingsView = z.infer<typeof ImpactSettings>;
