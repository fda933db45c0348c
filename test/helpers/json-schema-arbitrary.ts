// fast-check arbitraries from the JSON Schemas of our OpenAPI document (the
// subset zod-openapi emits: type, enum, format, lengths, bounds, items,
// properties), and hostile values for the same places.
import fc from "fast-check";

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  example?: unknown;
}

/** Values a careless or hostile client sends in place of a string. */
export const hostileString = fc.constantFrom(
  "\u0000", "a\u0000b", "\u0007bell", "\ud800", "\u202Eevil\u202C", "مرحبا بالعالم", "🌻🏠👩‍👩‍👧", "", " ", "\n\r\t",
  "../../etc/passwd", "%00", "%", "<script>alert(1)</script>", "' OR 1=1 --", "null", "-1", "1e309", "NaN",
  "javascript:alert(1)", "00000000-0000-0000-0000-000000000000", "not-a-uuid", "x".repeat(70_000),
);

/** Any wrong value: wrong types, arrays for objects, objects for strings, hostile strings. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, 2 ** 31, -(2 ** 53)),
  fc.boolean(),
  hostileString,
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

const iso = fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }).map((d) => d.toISOString());

/** Values that the schema accepts (mostly: refinements beyond the schema may still refuse them). */
export function validOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = [schema.type ?? "object"].flat();
  if (types.includes("null") && types.length > 1) {
    return fc.oneof({ arbitrary: validOf({ ...schema, type: types.filter((t) => t !== "null") }, depth), weight: 4 }, { arbitrary: fc.constant(null), weight: 1 });
  }
  switch (types[0]) {
    case "string":
      return stringOf(schema);
    case "integer":
      return fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 500 });
    case "number":
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(schema.items && depth < 4 ? validOf(schema.items, depth + 1) : fc.string({ maxLength: 10 }), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    default: {
      const properties = schema.properties ?? {};
      if (depth >= 4) return fc.constant({});
      const record = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, validOf(s, depth + 1)]));
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
  }
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const max = Math.min(schema.maxLength ?? 60, 60);
  const min = Math.min(schema.minLength ?? 0, max);
  const plain = fc.string({ minLength: min, maxLength: max });
  const formatted =
    schema.format === "uuid" ? fc.uuid()
    : schema.format === "email" ? fc.emailAddress()
    : schema.format === "date-time" ? iso
    : schema.format === "uri" ? fc.webUrl()
    : typeof schema.example === "string" ? fc.constant(schema.example)
    : plain;
  return fc.oneof({ arbitrary: formatted, weight: 3 }, { arbitrary: plain, weight: 1 });
}

/** A valid value made wrong in one place: a field of the wrong type, a required one missing, an unknown one, or the whole. */
export function invalidOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  const whole = wrongValue;
  if (schema.type !== "object" || !schema.properties || Object.keys(schema.properties).length === 0) return whole;
  const keys = Object.keys(schema.properties);
  return fc.oneof(
    whole,
    fc.tuple(validOf(schema), fc.constantFrom(...keys), wrongValue).map(([v, key, bad]) => ({ ...(v as object), [key]: bad })),
    fc.tuple(validOf(schema), fc.constantFrom(...keys)).map(([v, key]) => {
      const { [key]: _, ...rest } = v as Record<string, unknown>;
      return rest;
    }),
    fc.tuple(validOf(schema), fc.string({ minLength: 1, maxLength: 12 }), wrongValue).map(([v, key, bad]) => ({ ...(v as object), [key]: bad })),
    fc.tuple(validOf(schema), fc.constantFrom(...keys)).map(([v, key]) => ({ ...(v as object), [key]: ["x", 1, null] })),
  );
}
