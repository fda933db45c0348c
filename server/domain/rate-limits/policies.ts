// The limits of sensitive endpoints. Only failures count (a wrong password,
// an unknown invitation code): a successful login is given back, so a café's
// shared address lets every neighbour in. Per account, so that a password is
// not guessed from many addresses; per address, higher, so that one address
// cannot try many accounts while neighbours behind it still get in.
import type { Limit } from "./limiter.ts";

const minutes = (n: number) => n * 60_000;

export const loginFailuresPerAccount: Limit = { name: "login-account", max: 10, windowMs: minutes(15) };
export const loginFailuresPerAddress: Limit = { name: "login-address", max: 50, windowMs: minutes(15) };
/** Unknown, used or expired invitation codes looked up or redeemed from one address. */
export const invitationFailuresPerAddress: Limit = { name: "invitation-address", max: 30, windowMs: minutes(15) };

// Posting and answering, per member (issue #13): generous for a neighbour,
// short for a script or a flood. Only what was accepted counts.
const hours = (n: number) => n * 3_600_000;
/** Offers, requests and announcements posted. */
export const postsPerMember: Limit = { name: "posts-member", max: 20, windowMs: hours(1) };
/** Answers: « ça m'intéresse », conversation messages. */
export const answersPerMember: Limit = { name: "answers-member", max: 60, windowMs: hours(1) };
/** Reports made. */
export const reportsPerMember: Limit = { name: "reports-member", max: 30, windowMs: hours(1) };
/** Password-reset emails asked from one address (every request counts, not only failures). */
export const resetRequestsPerAddress: Limit = { name: "reset-address", max: 10, windowMs: minutes(15) };
/** Password-reset emails asked for one login (handle or address, whether or not it exists). */
export const resetRequestsPerLogin: Limit = { name: "reset-login", max: 3, windowMs: minutes(60) };
/** Unknown, used or expired reset links and codes tried from one address. */
export const resetTokenFailuresPerAddress: Limit = { name: "reset-token-address", max: 20, windowMs: minutes(15) };

// Mastodon client API (issue #15).
/** Apps registered from one address (anyone may register one: every request counts). */
export const appRegistrationsPerAddress: Limit = { name: "mastodon-apps-address", max: 30, windowMs: minutes(15) };
/** Refused token requests (wrong secret, used or expired code, PKCE mismatch) from one address. */
export const tokenFailuresPerAddress: Limit = { name: "mastodon-token-address", max: 30, windowMs: minutes(15) };
