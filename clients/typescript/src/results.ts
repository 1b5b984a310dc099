// Result types that hold secret material. Each keeps its message in a private field (which
// util.inspect does not show) and prints, inspects and serialises to JSON without values.
import { inspect } from "node:util";
import { type BrokerError, errorFromStatus } from "./errors.js";
import type { BatchGetSecretsResult, GetUserDirectoryResponse } from "./gen/secretsbroker/v1/broker_service_pb.js";
import type { Secret, TokenApi, UserAccount } from "./gen/secretsbroker/v1/resources_pb.js";

const HIDDEN = "***";

/** A secret object as the broker returned it. `value(key)` is the one way a value comes out. */
export class SecretObject {
  readonly #proto: Secret;

  constructor(proto: Secret) {
    this.#proto = proto;
  }

  get name(): string {
    return this.#proto.name;
  }

  /** The version returned, starting at 1. */
  get version(): bigint {
    return this.#proto.version;
  }

  /** The keys of the values returned, in ascending order. */
  get keys(): string[] {
    return Object.keys(this.#proto.values).sort();
  }

  /** The value of `key`; throws (naming the key, not the value) if it is absent. */
  value(key: string): string {
    const v = this.findValue(key);
    if (v === undefined) {
      throw new RangeError(`secret ${this.name} has no value ${key}`);
    }
    return v;
  }

  /** The value of `key`, or undefined. */
  findValue(key: string): string | undefined {
    return Object.hasOwn(this.#proto.values, key) ? this.#proto.values[key] : undefined;
  }

  get createTime(): Date | undefined {
    return toDate(this.#proto.createTime);
  }

  get updateTime(): Date | undefined {
    return toDate(this.#proto.updateTime);
  }

  /** How long the values may be kept, in ms; undefined for the broker default. */
  get refreshAfterMs(): number | undefined {
    const d = this.#proto.refreshAfter;
    return d === undefined ? undefined : Number(d.seconds) * 1000 + Math.floor(d.nanos / 1e6);
  }

  /** Changes with every version; usable as expectedEtag on a put. */
  get etag(): string {
    return this.#proto.etag;
  }

  /** CRC32C of the canonical encoding of all of the object's values. */
  get dataCrc32c(): bigint {
    return this.#proto.dataCrc32c;
  }

  get labels(): Readonly<Record<string, string>> {
    return { ...this.#proto.labels };
  }

  get tokenApi(): TokenApi | undefined {
    return this.#proto.tokenApi;
  }

  /** The message itself: printing it prints the values. */
  toProto(): Secret {
    return this.#proto;
  }

  toString(): string {
    return `SecretObject{name=${this.name}, version=${this.version}, keys=[${this.keys.join(", ")}], values=${HIDDEN}}`;
  }

  /** JSON.stringify gives the metadata and the keys, never a value. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      version: String(this.version),
      keys: this.keys,
      values: HIDDEN,
      etag: this.etag,
      labels: this.labels,
    };
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** One result of BatchGetSecrets: the secret, or the error GetSecret would have raised. */
export class BatchResult {
  readonly #proto: BatchGetSecretsResult;

  constructor(proto: BatchGetSecretsResult) {
    this.#proto = proto;
  }

  get name(): string {
    return this.#proto.name;
  }

  get secret(): SecretObject | undefined {
    return this.#proto.result.case === "secret" ? new SecretObject(this.#proto.result.value) : undefined;
  }

  get error(): BrokerError | undefined {
    return this.#proto.result.case === "error" ? errorFromStatus(this.#proto.result.value) : undefined;
  }

  /** The secret, or its error thrown. */
  orThrow(): SecretObject {
    const s = this.secret;
    if (s !== undefined) {
      return s;
    }
    throw this.error ?? new Error(`batch result for ${this.name} holds neither secret nor error`);
  }

  /** The message itself: printing it prints the values. */
  toProto(): BatchGetSecretsResult {
    return this.#proto;
  }

  toString(): string {
    const s = this.secret;
    return s ? `BatchResult{${s.toString()}}` : `BatchResult{name=${this.name}, error=${String(this.error)}}`;
  }

  toJSON(): Record<string, unknown> {
    const s = this.secret;
    return s ? { name: this.name, secret: s.toJSON() } : { name: this.name, error: this.error?.message };
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** One page of GetUserDirectory; prints credential keys, never their values. */
export class UserDirectoryPage {
  readonly #proto: GetUserDirectoryResponse;

  constructor(proto: GetUserDirectoryResponse) {
    this.#proto = proto;
  }

  /** The users (messages: printing one prints its credentials). */
  get users(): readonly UserAccount[] {
    return this.#proto.users;
  }

  /** Pass as pageToken for the next page; "" on the last page. */
  get nextPageToken(): string {
    return this.#proto.nextPageToken;
  }

  get totalSize(): number {
    return this.#proto.totalSize;
  }

  toProto(): GetUserDirectoryResponse {
    return this.#proto;
  }

  toString(): string {
    return `UserDirectoryPage{users=[${this.users.map((u) => u.userId).join(", ")}], totalSize=${this.totalSize}}`;
  }

  toJSON(): Record<string, unknown> {
    return {
      users: this.users.map((u) => ({
        userId: u.userId,
        userName: u.userName,
        credentials: Object.fromEntries(Object.keys(u.credentials).map((k) => [k, HIDDEN])),
      })),
      nextPageToken: this.nextPageToken,
      totalSize: this.totalSize,
    };
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

function toDate(t: { seconds: bigint; nanos: number } | undefined): Date | undefined {
  return t === undefined ? undefined : new Date(Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6));
}
