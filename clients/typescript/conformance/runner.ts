// Runs the client conformance vectors (tests/conformance/clients/vectors.json) through the
// TypeScript client: each request goes through the wrapper's typed methods, each answer is
// printed as proto3 JSON and matched against the vector's pattern, each error must surface
// as a BrokerError with the expected code and reason. Prints one line per failing vector,
// then `conformance typescript: P/N passed`; exits 0 only if all passed.
import { readFileSync } from "node:fs";
import { create, createRegistry, type DescMessage, fromJson, type JsonValue, toJson } from "@bufbuild/protobuf";
import { file_google_rpc_error_details } from "../src/gen/google/rpc/error_details_pb.js";
import {
  BatchGetSecretsRequestSchema,
  BatchGetSecretsResponseSchema,
  BrokerError,
  GetAccessListRequestSchema,
  GetAccessListResponseSchema,
  GetSecretRequestSchema,
  GetSecretResponseSchema,
  GetUserDirectoryRequestSchema,
  GetUserDirectoryResponseSchema,
  ListSecretsRequestSchema,
  ListSecretsResponseSchema,
  PutSecretRequestSchema,
  PutSecretResponseSchema,
  SecretsBrokerClient,
  tlsDirectory,
} from "../src/index.js";
import { type Json, match, matchError } from "./match.js";

interface Vector {
  id: string;
  as: string;
  rpc: string;
  request?: JsonValue;
  expect: { response?: Json; error?: { code: string; reason?: string; transport?: boolean } };
}

// The standard proto3 JSON printer, knowing the detail types a google.rpc.Status carries.
const registry = createRegistry(file_google_rpc_error_details);

function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.log(`conformance typescript: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

type Printed = { schema: DescMessage; message: unknown };

async function call(client: SecretsBrokerClient, rpc: string, json: JsonValue): Promise<Printed> {
  switch (rpc) {
    case "GetSecret": {
      const secret = await client.getSecret(fromJson(GetSecretRequestSchema, json));
      return { schema: GetSecretResponseSchema, message: create(GetSecretResponseSchema, { secret: secret.toProto() }) };
    }
    case "BatchGetSecrets": {
      const results = await client.batchGetSecrets(fromJson(BatchGetSecretsRequestSchema, json));
      const message = create(BatchGetSecretsResponseSchema, { results: results.map((r) => r.toProto()) });
      return { schema: BatchGetSecretsResponseSchema, message };
    }
    case "GetUserDirectory": {
      const page = await client.getUserDirectory(fromJson(GetUserDirectoryRequestSchema, json));
      return { schema: GetUserDirectoryResponseSchema, message: page.toProto() };
    }
    case "GetAccessList":
      return {
        schema: GetAccessListResponseSchema,
        message: await client.getAccessList(fromJson(GetAccessListRequestSchema, json)),
      };
    case "PutSecret": {
      const metadata = await client.putSecret(fromJson(PutSecretRequestSchema, json));
      return { schema: PutSecretResponseSchema, message: create(PutSecretResponseSchema, { metadata }) };
    }
    case "ListSecrets":
      return { schema: ListSecretsResponseSchema, message: await client.listSecrets(fromJson(ListSecretsRequestSchema, json)) };
    default:
      throw new RangeError(`unknown rpc ${rpc}`);
  }
}

async function run(clientFor: (as: string) => SecretsBrokerClient, v: Vector): Promise<string | undefined> {
  let printed: Printed;
  try {
    printed = await call(clientFor(v.as), v.rpc, v.request ?? {});
  } catch (e) {
    if (e instanceof BrokerError) {
      if (v.expect.error === undefined) return `expected a response, got ${e.codeName} reason '${e.reason}'`;
      return matchError(v.expect.error, e);
    }
    return `bad vector or client failure: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (v.expect.response === undefined) return `expected an error ${JSON.stringify(v.expect.error)}, got a response`;
  const actual = toJson(printed.schema, printed.message as never, { registry }) as Json;
  return match(v.expect.response, actual, "response");
}

async function main(): Promise<void> {
  const address = env("SB_CONFORMANCE_ADDRESS");
  const tlsDir = env("SB_CONFORMANCE_TLS_DIR");
  const doc = JSON.parse(readFileSync(env("SB_CONFORMANCE_VECTORS"), "utf8")) as { version: number; vectors: Vector[] };
  if (doc.version !== 1) {
    console.log(`unsupported vectors version ${doc.version}`);
    process.exit(2);
  }
  const clients = new Map<string, SecretsBrokerClient>();
  const clientFor = (as: string): SecretsBrokerClient => {
    let c = clients.get(as);
    if (c === undefined) {
      c = SecretsBrokerClient.connect(address, tlsDirectory(tlsDir, as));
      clients.set(as, c);
    }
    return c;
  };
  let passed = 0;
  try {
    for (const v of doc.vectors) {
      const why = await run(clientFor, v);
      if (why === undefined) passed++;
      else console.log(`FAIL ${v.id}: ${why}`);
    }
  } finally {
    for (const c of clients.values()) c.close();
  }
  console.log(`conformance typescript: ${passed}/${doc.vectors.length} passed`);
  process.exitCode = passed === doc.vectors.length ? 0 : 1;
}

await main();
