// The vectors' matching rules: an object pattern matches if each of its keys matches (extra
// keys in the actual are ignored), an array must have the same length and match element-wise,
// a scalar must be equal. A mismatch under a key holding secret material reports the path only.
import type { BrokerError } from "../src/index.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SECRET_KEYS = new Set(["values", "credentials"]);

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function show(v: Json | undefined, secret: boolean): string {
  if (v === undefined) return "nothing";
  return secret ? "<redacted>" : JSON.stringify(v);
}

/** Why `actual` does not match `pattern`, or undefined. */
export function match(pattern: Json, actual: Json | undefined, path: string, secret = false): string | undefined {
  if (isObject(pattern)) {
    if (!isObject(actual)) return `${path}: expected an object, got ${show(actual, secret)}`;
    for (const [key, p] of Object.entries(pattern)) {
      const why = match(p, actual[key], `${path}.${key}`, secret || SECRET_KEYS.has(key));
      if (why !== undefined) return why;
    }
    return undefined;
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${show(actual, secret)}`;
    if (pattern.length !== actual.length) return `${path}: expected ${pattern.length} elements, got ${actual.length}`;
    for (let i = 0; i < pattern.length; i++) {
      const why = match(pattern[i]!, actual[i], `${path}[${i}]`, secret);
      if (why !== undefined) return why;
    }
    return undefined;
  }
  if (pattern === null) {
    return actual === undefined || actual === null ? undefined : `${path}: expected nothing, got ${show(actual, secret)}`;
  }
  if (pattern !== actual) {
    return `${path}: expected ${secret ? "<a secret value>" : JSON.stringify(pattern)}, got ${show(actual, secret)}`;
  }
  return undefined;
}

/** Why the error does not match {code, reason} or {code, transport: true}, or undefined. */
export function matchError(expected: { code: string; reason?: string; transport?: boolean }, e: BrokerError): string | undefined {
  const got = `${e.codeName}${e.reason ? ` reason ${e.reason}` : " without reason"}`;
  if (e.codeName !== expected.code) return `expected ${expected.code}, got ${got} (${e.name})`;
  if (expected.transport === true) {
    return e.reason === "" ? undefined : `expected a transport status without ErrorInfo, got ${got}`;
  }
  const reason = expected.reason ?? "";
  return e.reason === reason ? undefined : `expected reason ${reason}, got ${got}`;
}
