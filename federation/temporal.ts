// Fedify's vocabulary uses Temporal; Node has no global Temporal yet, so we
// build values with the polyfill Fedify itself uses. Its type differs from
// TypeScript's lib Temporal (what Fedify's declarations name), hence the cast.
import { Temporal as Polyfill } from "@js-temporal/polyfill";

export const toInstant = (date: Date): Temporal.Instant =>
  Polyfill.Instant.fromEpochMilliseconds(date.getTime()) as unknown as Temporal.Instant;

export const toDate = (instant: { epochMilliseconds: number } | null): Date | null =>
  instant === null ? null : new Date(instant.epochMilliseconds);
