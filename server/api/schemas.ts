import { z } from "@hono/zod-openapi";
import { roles } from "../../db/schema/index.ts";

export const Handle = z.string().trim().min(1).max(64).openapi({ example: "marie-l" });
export const DisplayName = z.string().trim().min(1).max(80).openapi({ example: "Marie L." });
export const Password = z.string().min(1).max(1024);
export const Email = z.email().max(254).nullish();
export const Locale = z.enum(["fr", "en"]);
export const Role = z.enum(roles);
export const Slug = z.string().trim().min(1).max(64).openapi({ example: "les-lilas" });

export const AccountInput = z.object({
  handle: Handle,
  displayName: DisplayName,
  password: Password,
  email: Email,
  locale: Locale.optional(),
});

export const NetworkFields = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(5000).optional(),
  area: z.string().max(200).optional(),
  rules: z.string().max(10000).optional(),
  approvesFollowers: z.boolean().optional(),
  // `allowlist`: federate only with partner networks and the allowed hosts.
  federationMode: z.enum(["open", "allowlist"]).optional(),
});

export const SlugParam = z.object({ slug: Slug });
