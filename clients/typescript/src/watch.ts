// WatchSecret as an async iterator that reopens a broken stream where it left off.
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";
import { setTimeout as sleep } from "node:timers/promises";
import { checked } from "./checksum.js";
import { type BrokerError, errorFromServiceError } from "./errors.js";
import {
  SecretsBrokerService,
  type WatchSecretRequest,
  WatchSecretRequestSchema,
  type WatchSecretResponse,
} from "./gen/secretsbroker/v1/broker_service_pb.js";
import { SecretObject } from "./results.js";
import { delayAfter, type RetryPolicy } from "./retry.js";

/** Reconnect until 20 attempts in a row fail, waiting up to 100 ms, 200 ms, ... 5 s. */
export const DEFAULT_WATCH_RECONNECT: RetryPolicy = {
  maxAttempts: 20,
  initialBackoffMs: 100,
  maxBackoffMs: 5_000,
  multiplier: 2,
};

/** One event of a watch; printing a SecretObject never shows a value. */
export type WatchEvent =
  | { kind: "version"; name: string; secret: SecretObject }
  | { kind: "absent"; name: string }
  | { kind: "synced" };

export interface WatchOptions {
  /** Also every name under this prefix the caller may read, including later ones. */
  prefix?: string;
  /** Only these values. */
  keys?: string[];
  /** Start after these versions (name -> last version received). */
  resumeAfter?: Record<string, bigint>;
  /** The broker's heartbeat interval in whole seconds (1 to 300). */
  heartbeatSeconds?: number;
  reconnect?: RetryPolicy;
  /** Ends the watch (the iterator returns). */
  signal?: AbortSignal;
}

const PATH = `/${SecretsBrokerService.typeName}/${SecretsBrokerService.method.watchSecret.name}`;

/**
 * The versions of `names` as they are written: for each its current version, then every
 * new one in order. After UNAVAILABLE (or the stream's maximum age) the stream is opened
 * again with resume_after set to the last version received, so none is missed or repeated.
 * Any other error, or `reconnect.maxAttempts` failures in a row, ends it with that error.
 */
export async function* watchSecrets(
  channel: grpc.Client,
  names: string[],
  options: WatchOptions = {},
): AsyncGenerator<WatchEvent, void, undefined> {
  const resume: Record<string, bigint> = { ...options.resumeAfter };
  const reconnect = options.reconnect ?? DEFAULT_WATCH_RECONNECT;
  let failures = 0;
  while (!options.signal?.aborted) {
    const request = create(WatchSecretRequestSchema, {
      names,
      prefix: options.prefix ?? "",
      keys: options.keys ?? [],
      resumeAfter: resume,
      heartbeatInterval:
        options.heartbeatSeconds === undefined ? undefined : { seconds: BigInt(options.heartbeatSeconds) },
    });
    const stream = open(channel, request);
    const stop = (): void => stream.cancel();
    options.signal?.addEventListener("abort", stop, { once: true });
    try {
      for await (const response of stream as AsyncIterable<WatchSecretResponse>) {
        failures = 0;
        const event = toEvent(response, (options.keys ?? []).length === 0);
        if (event === undefined) continue; // a heartbeat
        if (event.kind === "version") resume[event.name] = event.secret.version;
        if (event.kind === "absent") delete resume[event.name];
        yield event;
      }
    } catch (err) {
      if (options.signal?.aborted) return;
      const error: BrokerError = errorFromServiceError(err);
      failures++;
      const resumable = error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED;
      const delay = resumable ? delayAfter(reconnect, failures, error.retryDelayMs) : undefined;
      if (delay === undefined) throw error;
      await sleep(delay);
    } finally {
      options.signal?.removeEventListener("abort", stop);
      stream.cancel();
    }
  }
}

function open(channel: grpc.Client, request: WatchSecretRequest): grpc.ClientReadableStream<WatchSecretResponse> {
  const method = SecretsBrokerService.method.watchSecret;
  return channel.makeServerStreamRequest(
    PATH,
    (m: WatchSecretRequest) => Buffer.from(toBinary(method.input, m)),
    (b: Buffer) => fromBinary(method.output, b),
    request,
    new grpc.Metadata(),
    {},
  );
}

function toEvent(response: WatchSecretResponse, complete: boolean): WatchEvent | undefined {
  const event = response.event;
  switch (event.case) {
    case "version": {
      if (event.value.secret === undefined) throw new Error("a watch version without its secret");
      return { kind: "version", name: event.value.name, secret: new SecretObject(checked(event.value.secret, complete)) };
    }
    case "absent":
      return { kind: "absent", name: event.value.name };
    case "synced":
      return { kind: "synced" };
    default:
      return undefined;
  }
}
