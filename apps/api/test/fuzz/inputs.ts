/**
 * Inputs for the OpenAPI fuzz test: values that match a JSON schema of the document, and values
 * meant to break whatever reads them. Everything is drawn from a seeded PRNG, so a run is
 * repeatable and a failure can be replayed.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
}

export type Random = () => number;

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

/** `count` distinct items in a random order (all of them when there are fewer). */
export function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

const LONG = 100_000;

/**
 * JSON values no input field accepts: out of every bound, control characters or lone
 * surrogates, 100 k characters, or of a type no body field has (arrays, objects).
 */
export const INVALID_JSON: readonly unknown[] = [
  2 ** 53,
  -(2 ** 53),
  1e308,
  "a\u0000b",
  "\u0000",
  "\u0001\u0007\u001b[31m\u007f",
  "\ud800",
  "x\udc00",
  "x".repeat(LONG),
  [],
  [1],
  ["a", "b"],
  {},
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
];

/** JSON values that are wrong for most fields and right, in an awkward way, for some. */
export const AWKWARD_JSON: readonly unknown[] = [
  -1,
  0,
  1.5,
  2 ** 31,
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "",
  "   ",
  "line\nbreak\ttab\rreturn",
  "😀👍🏽🇺🇿",
  "مرحبا بالعالم",
  "\u202egnp.exe",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "2024-02-30T00:00:00Z",
  "0000-01",
  "9999-12",
  "__proto__",
  "constructor",
  "' OR 1=1 --",
  "%00",
  true,
  false,
  null,
];

/** Query-string values no parameter accepts. */
export const INVALID_QUERY: readonly string[] = ["abc\u0000def", "\u0000", "\u0001\u001b\u007f"];

/** Query-string values (always text on the wire) that some parameters take. */
export const AWKWARD_QUERY: readonly string[] = [
  "-1",
  "0",
  "2147483648",
  "9007199254740993",
  "1e308",
  "1.5",
  "NaN",
  "Infinity",
  "-Infinity",
  "",
  "\ud800",
  "😀👍🏽",
  "مرحبا",
  "x".repeat(10_000),
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "0000-01",
  "9999-13",
  "__proto__",
  "constructor",
  "true",
  "[object Object]",
  "none",
  "%",
];

/** Path-segment values no id accepts. */
export const INVALID_IDS: readonly string[] = [
  "0",
  "-1",
  "2147483648",
  "9007199254740993",
  "1e3",
  "1.5",
  "abc",
  "NaN",
  "Infinity",
  "1\u0000",
  "😀",
  "x".repeat(5_000),
  "__proto__",
  "constructor",
];

export interface Hints {
  /** A valid value for a property by name (ids of seeded rows, unique phones and slugs). */
  byName(name: string): unknown;
  /** A fresh counter for unique values. */
  next(): number;
}

const PATTERN_CANDIDATES = ["fuzz-slug", "fuzz.user", "123456789", "2026-06", "Тест Фаззер", "abc"];

function variants(schema: JsonSchema): JsonSchema[] {
  return schema.anyOf ?? schema.oneOf ?? [schema];
}

/** A value that matches the schema (roughly: enough to get past validation most of the time). */
export function validValue(schema: JsonSchema, random: Random, hints: Hints, name = ""): unknown {
  const hinted = name ? hints.byName(name) : undefined;
  if (hinted !== undefined) return hinted;
  const options = variants(schema).filter((variant) => variant.type !== "null");
  if (options.length > 1 || schema.anyOf || schema.oneOf) {
    return validValue(pick(random, options.length ? options : [schema]), random, hints, name);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return pick(random, schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "integer":
    case "number": {
      const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1) + 1;
      const max = Math.min(schema.maximum ?? min + 100, min + 100);
      const value = min + random() * (max - min);
      return type === "integer" ? Math.round(value) : Math.round(value * 10) / 10 || min + 1;
    }
    case "boolean":
      return random() < 0.5;
    case "array": {
      const count = Math.max(schema.minItems ?? 1, 1);
      return Array.from({ length: count }, () => validValue(schema.items ?? {}, random, hints, ""));
    }
    case "object":
      return validObject(schema, random, hints);
    case "string":
      return validString(schema, random, hints);
    default:
      return "value";
  }
}

function validString(schema: JsonSchema, random: Random, hints: Hints): string {
  if (schema.format === "date-time") {
    return new Date(Date.UTC(2026, 5, 1 + Math.floor(random() * 200), 9)).toISOString();
  }
  if (schema.format === "email") return `fuzz${hints.next()}@example.uz`;
  const patterns = [schema.pattern, ...(schema.allOf ?? []).map((part) => part.pattern)]
    .filter((pattern): pattern is string => !!pattern)
    .map((pattern) => new RegExp(pattern, "u"));
  const fits = (value: string) =>
    value.length >= (schema.minLength ?? 0) &&
    value.length <= (schema.maxLength ?? Infinity) &&
    patterns.every((pattern) => pattern.test(value));
  const unique = `${pick(random, ["Фаззер", "Fuzz", "Тест"])} ${hints.next()}`;
  for (const candidate of [unique, ...PATTERN_CANDIDATES]) {
    if (fits(candidate)) return candidate;
  }
  return "x".repeat(Math.max(schema.minLength ?? 1, 1));
}

export function validObject(
  schema: JsonSchema,
  random: Random,
  hints: Hints,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (!required.has(name) && random() < 0.4) continue;
    result[name] = validValue(property, random, hints, name);
  }
  return result;
}

/** For the report: long strings shortened, control characters visible. */
export function describe(value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "string" && item.length > 60
      ? `${item.slice(0, 20)}…(${item.length} chars)`
      : item,
  );
  return text === undefined ? String(value) : text;
}
