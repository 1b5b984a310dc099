// Retries against a real (in-process) grpc-js server scripted to fail: the broker cannot be
// made to answer UNAVAILABLE a given number of times and then succeed.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { anyPack, DurationSchema } from "@bufbuild/protobuf/wkt";
import * as grpc from "@grpc/grpc-js";
import { ErrorInfoSchema, RetryInfoSchema } from "../src/gen/google/rpc/error_details_pb.js";
import { type Status, StatusSchema } from "../src/gen/google/rpc/status_pb.js";
import {
  BrokerError,
  CasMismatchError,
  DEFAULT_RETRY,
  delayAfter,
  errorFromStatus,
  GetSecretRequestSchema,
  GetSecretResponseSchema,
  NO_RETRY,
  NotFoundError,
  PutSecretRequestSchema,
  PutSecretResponseSchema,
  type RetryPolicy,
  SecretNotFoundError,
  SecretsBrokerClient,
  UnavailableError,
} from "../src/index.js";

const script: Status[] = [];
const attempts: number[] = [];
let server: grpc.Server | undefined;
let client: SecretsBrokerClient | undefined;

function status(code: grpc.status, reason: string, retryMs?: number): Status {
  const details = [anyPack(ErrorInfoSchema, create(ErrorInfoSchema, { domain: "secretsbroker", reason }))];
  if (retryMs !== undefined) {
    const retryDelay = create(DurationSchema, { seconds: BigInt(Math.floor(retryMs / 1000)), nanos: (retryMs % 1000) * 1e6 });
    details.push(anyPack(RetryInfoSchema, create(RetryInfoSchema, { retryDelay })));
  }
  return create(StatusSchema, { code, message: "scripted", details });
}

async function start(retry: RetryPolicy, timeoutMs: number): Promise<SecretsBrokerClient> {
  server = new grpc.Server();
  server.addService(
    {
      GetSecret: {
        path: "/secretsbroker.v1.SecretsBrokerService/GetSecret",
        requestStream: false,
        responseStream: false,
        requestSerialize: (m: unknown) => Buffer.from(m as Uint8Array),
        requestDeserialize: (b: Buffer) => fromBinary(GetSecretRequestSchema, b),
        responseSerialize: (m: unknown) => Buffer.from(toBinary(GetSecretResponseSchema, m as never)),
        responseDeserialize: (b: Buffer) => b,
      },
      PutSecret: {
        path: "/secretsbroker.v1.SecretsAdminService/PutSecret",
        requestStream: false,
        responseStream: false,
        requestSerialize: (m: unknown) => Buffer.from(m as Uint8Array),
        requestDeserialize: (b: Buffer) => fromBinary(PutSecretRequestSchema, b),
        responseSerialize: (m: unknown) => Buffer.from(toBinary(PutSecretResponseSchema, m as never)),
        responseDeserialize: (b: Buffer) => b,
      },
    },
    {
      PutSecret: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        attempts.push(performance.now());
        const next = script.shift();
        if (next !== undefined) {
          const metadata = new grpc.Metadata();
          metadata.set("grpc-status-details-bin", Buffer.from(toBinary(StatusSchema, next)));
          callback({ code: next.code, details: next.message, metadata });
          return;
        }
        callback(null, create(PutSecretResponseSchema, { metadata: { name: "a/b" } }));
      },
      GetSecret: (
        call: grpc.ServerUnaryCall<{ name: string }, unknown>,
        callback: grpc.sendUnaryData<unknown>,
      ) => {
        attempts.push(performance.now());
        const next = script.shift();
        if (next !== undefined) {
          const metadata = new grpc.Metadata();
          metadata.set("grpc-status-details-bin", Buffer.from(toBinary(StatusSchema, next)));
          callback({ code: next.code, details: next.message, metadata });
          return;
        }
        callback(null, create(GetSecretResponseSchema, { secret: { name: call.request.name } }));
      },
    },
  );
  const port = await new Promise<number>((ok, fail) =>
    server!.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? fail(err) : ok(p))),
  );
  return SecretsBrokerClient.connect(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { retry, timeoutMs });
}

afterEach(() => {
  client?.close();
  server?.forceShutdown();
  script.length = 0;
  attempts.length = 0;
});

test("UNAVAILABLE is retried until an answer", async () => {
  client = await start(DEFAULT_RETRY, 30_000);
  script.push(status(grpc.status.UNAVAILABLE, "STORE_UNAVAILABLE"), status(grpc.status.UNAVAILABLE, "STORE_UNAVAILABLE"));
  assert.equal((await client.getSecret("a/b")).name, "a/b");
  assert.equal(attempts.length, 3);
});

test("UNAVAILABLE gives up after maxAttempts", async () => {
  client = await start(DEFAULT_RETRY, 30_000);
  for (let i = 0; i < 10; i++) script.push(status(grpc.status.UNAVAILABLE, "STORE_UNAVAILABLE"));
  const err = await client.getSecret("a/b").catch((e: unknown) => e);
  assert.ok(err instanceof UnavailableError, String(err));
  assert.equal(err.reason, "STORE_UNAVAILABLE");
  assert.equal(attempts.length, DEFAULT_RETRY.maxAttempts);
});

test("writes are not retried: a lost answer could mean a second version", async () => {
  client = await start(DEFAULT_RETRY, 30_000);
  script.push(status(grpc.status.UNAVAILABLE, "STORE_UNAVAILABLE"));
  const err = await client.putSecret({ name: "a/b", values: { k: "v" } }).catch((e: unknown) => e);
  assert.ok(err instanceof UnavailableError, String(err));
  assert.equal(attempts.length, 1);
});

test("other codes are never retried", async () => {
  client = await start(DEFAULT_RETRY, 30_000);
  script.push(status(grpc.status.NOT_FOUND, "SECRET_NOT_FOUND"), status(grpc.status.INTERNAL, "INTERNAL"));
  await assert.rejects(client.getSecret("a/b"), SecretNotFoundError);
  assert.equal(attempts.length, 1);
  const err = await client.getSecret("a/b").catch((e: unknown) => e);
  assert.ok(err instanceof BrokerError && err.code === grpc.status.INTERNAL, String(err));
  assert.equal(attempts.length, 2);
});

test("the RetryInfo delay is honoured", async () => {
  client = await start(DEFAULT_RETRY, 30_000);
  script.push(status(grpc.status.UNAVAILABLE, "STORE_UNAVAILABLE", 300));
  await client.getSecret("a/b");
  assert.equal(attempts.length, 2);
  const gap = attempts[1]! - attempts[0]!;
  assert.ok(gap >= 300, `retried after ${gap} ms, hint 300 ms`);
});

test("no retry that would outlive the deadline", async () => {
  client = await start(DEFAULT_RETRY, 5_000);
  script.push(status(grpc.status.UNAVAILABLE, "STORE_UNAVAILABLE", 60_000));
  const err = await client.getSecret("a/b").catch((e: unknown) => e);
  assert.ok(err instanceof UnavailableError, String(err));
  assert.equal(err.retryDelayMs, 60_000);
  assert.equal(attempts.length, 1);
});

test("NO_RETRY tries once", async () => {
  client = await start(NO_RETRY, 30_000);
  script.push(status(grpc.status.UNAVAILABLE, "STORE_UNAVAILABLE"));
  await assert.rejects(client.getSecret("a/b"), UnavailableError);
  assert.equal(attempts.length, 1);
});

test("backoff is jittered within its cap", () => {
  for (let attempt = 1; attempt < DEFAULT_RETRY.maxAttempts; attempt++) {
    const cap = Math.min(100 * 2 ** (attempt - 1), 2000);
    assert.equal(delayAfter(DEFAULT_RETRY, attempt, undefined, () => 0), 0);
    assert.equal(delayAfter(DEFAULT_RETRY, attempt, undefined, () => 0.999999), cap);
  }
  assert.equal(delayAfter(DEFAULT_RETRY, DEFAULT_RETRY.maxAttempts, undefined), undefined);
  assert.equal(delayAfter(DEFAULT_RETRY, 1, 3000, () => 0.5), 3000);
});

test("batch statuses use the same table", () => {
  assert.ok(errorFromStatus(status(grpc.status.ABORTED, "CAS_MISMATCH")) instanceof CasMismatchError);
  const unknown = errorFromStatus(status(grpc.status.NOT_FOUND, "SOMETHING_NEW"));
  assert.equal(unknown.constructor, NotFoundError);
  assert.equal(unknown.reason, "SOMETHING_NEW");
});
