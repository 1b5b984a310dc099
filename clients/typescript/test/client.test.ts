// The client against a real `secrets-broker dev` over mutual TLS.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { inspect } from "node:util";
import { status as Code } from "@grpc/grpc-js";
import {
  CasMismatchError,
  DeadlineExceededError,
  EntryNotFoundError,
  InvalidArgumentError,
  PermissionDeniedError,
  SecretNotFoundError,
  type SecretsBrokerClient,
  tlsDirectory,
  UnavailableError,
} from "../src/index.js";
import { SecretsBrokerClient as Client } from "../src/client.js";
import { DevBroker } from "./devbroker.js";

// A value no test expects in any string: it must never appear in toString, inspect or JSON.
const CANARY = "canary-2b7e4f-do-not-print";

describe("SecretsBrokerClient against a dev broker", () => {
  let broker: DevBroker;
  let client: SecretsBrokerClient;
  let admin: SecretsBrokerClient;

  before(async () => {
    broker = await DevBroker.start();
    client = broker.client("client");
    admin = broker.client("admin");
    await admin.putSecret({ name: "demo/ts/canary", values: { userId: "svc", clearPassword: CANARY } });
  });

  after(async () => {
    client?.close();
    admin?.close();
    await broker?.stop();
  });

  test("gets the demo secret with its metadata", async () => {
    const secret = await client.getSecret("demo/database");
    assert.equal(secret.name, "demo/database");
    assert.equal(secret.version, 1n);
    assert.deepEqual(secret.keys, ["clearPassword", "userId"]);
    assert.equal(secret.value("userId"), "demo");
    assert.equal(secret.refreshAfterMs, 600_000);
    assert.deepEqual(secret.labels, { env: "dev" });
    assert.notEqual(secret.etag, "");
  });

  test("toString, inspect and JSON show keys but no value", async () => {
    const secret = await client.getSecret("demo/ts/canary");
    assert.equal(secret.value("clearPassword"), CANARY);
    assert.equal(
      String(secret),
      "SecretObject{name=demo/ts/canary, version=1, keys=[clearPassword, userId], values=***}",
    );
    for (const text of [String(secret), inspect(secret), inspect({ nested: [secret] }), JSON.stringify(secret)]) {
      assert.ok(!text.includes(CANARY), text);
    }
    const batch = await client.batchGetSecrets(["demo/ts/canary"]);
    for (const text of [String(batch[0]), inspect(batch), JSON.stringify(batch)]) {
      assert.ok(!text.includes(CANARY), text);
    }
  });

  test("named keys only leave the broker", async () => {
    const secret = await client.getSecret({ name: "demo/ts/canary", keys: ["userId"] });
    assert.deepEqual(secret.keys, ["userId"]);
    assert.equal(await client.getValue("demo/ts/canary", "userId"), "svc");
    await assert.rejects(client.getValue("demo/database", "nope"), {
      name: "RangeError",
      message: "secret demo/database has no value nope",
    });
  });

  test("a missing secret is SecretNotFoundError", async () => {
    const err = await client.getSecret("demo/no-such-secret").catch((e: unknown) => e);
    assert.ok(err instanceof SecretNotFoundError, String(err));
    assert.equal(err.code, Code.NOT_FOUND);
    assert.equal(err.codeName, "NOT_FOUND");
    assert.equal(err.reason, "SECRET_NOT_FOUND");
    assert.equal(err.fromBroker, true);
  });

  test("a forbidden secret looks missing", async () => {
    await admin.putSecret({ name: "other/ts-forbidden", values: { clearPassword: CANARY } });
    const err = await client.getSecret("other/ts-forbidden").catch((e: unknown) => e);
    assert.ok(err instanceof SecretNotFoundError, String(err));
    assert.ok(!err.message.includes(CANARY));
  });

  test("an invalid name names the field", async () => {
    const err = await client.getSecret("a//b").catch((e: unknown) => e);
    assert.ok(err instanceof InvalidArgumentError, String(err));
    assert.equal(err.reason, "NAME_INVALID");
    assert.equal(err.field, "name");
    assert.equal(err.fieldViolations[0]?.field, "name");
  });

  test("a stale compare-and-set is CasMismatchError", async () => {
    const first = await admin.putSecret({ name: "demo/ts/cas", values: { k: "v1" } });
    const stale = { name: "demo/ts/cas", values: { k: "v2" }, expectedVersion: first.version - 1n };
    const err = await admin.putSecret(stale).catch((e: unknown) => e);
    assert.ok(err instanceof CasMismatchError, String(err));
    assert.equal(err.code, Code.ABORTED);
    assert.equal(err.reason, "CAS_MISMATCH");
    assert.ok(err.preconditionViolations.length > 0);
    const second = await admin.putSecret({ ...stale, expectedVersion: first.version });
    assert.equal(second.version, first.version + 1n);
  });

  test("an RPC without a grant is PermissionDeniedError", async () => {
    const err = await client.putSecret({ name: "demo/ts/x", values: { k: "v" } }).catch((e: unknown) => e);
    assert.ok(err instanceof PermissionDeniedError, String(err));
    assert.equal(err.reason, "RPC_NOT_GRANTED");
  });

  test("credentials need their grant and never print", async () => {
    const request = { collection: "demo/coco-pharmaceuticals", userIds: ["erinoverview"], includeCredentials: true };
    const err = await client.getUserDirectory(request).catch((e: unknown) => e);
    assert.ok(err instanceof PermissionDeniedError, String(err));
    // The dev client holds no ReadCredentials grant (for this collection or at all).
    assert.equal(err.reason, "CREDENTIALS_NOT_GRANTED");
    const page = await admin.getUserDirectory(request);
    const password = page.users[0]?.credentials["clearPassword"];
    assert.equal(password, "erin-demo-password");
    for (const text of [String(page), inspect(page), JSON.stringify(page)]) {
      assert.ok(!text.includes(password), text);
    }
  });

  test("a batch gives each name its own result", async () => {
    const results = await client.batchGetSecrets(["demo/database", "demo/no-such-secret", "a//b"]);
    assert.equal(results.length, 3);
    assert.equal(results[0]?.orThrow().value("userId"), "demo");
    assert.ok(results[1]?.error instanceof SecretNotFoundError);
    const invalid = results[2]?.error;
    assert.ok(invalid instanceof InvalidArgumentError);
    assert.equal(invalid.reason, "NAME_INVALID");
    assert.throws(() => results[1]?.orThrow(), SecretNotFoundError);
  });

  test("directory pages and access lists", async () => {
    const page = await client.getUserDirectory({ collection: "demo/coco-pharmaceuticals", pageSize: 2 });
    assert.equal(page.users.length, 2);
    assert.notEqual(page.nextPageToken, "");
    const control = await client.getAccessList({
      collection: "demo/coco-pharmaceuticals",
      target: { case: "controlName", value: "asset-catalog" },
      resolve: true,
    });
    assert.equal(control.entry.case, "accessControl");
    assert.equal(control.entry.value?.name, "asset-catalog");
    const err = await client
      .getAccessList({ collection: "demo/coco-pharmaceuticals", target: { case: "listName", value: "no-such-list" } })
      .catch((e: unknown) => e);
    assert.ok(err instanceof EntryNotFoundError, String(err));
    assert.equal(err.reason, "ENTRY_NOT_FOUND");
  });

  test("admin lists and imports", async () => {
    const listed = await admin.listSecrets({ prefix: "demo/ts/" });
    assert.ok(listed.secrets.some((m) => m.name === "demo/ts/canary"));
    const report = await admin.importCollections("secretsCollections:\n  demo/ts/dry:\n    secrets: {userId: u}\n", true);
    assert.equal(report.collections[0]?.name, "demo/ts/dry");
    const err = await admin.importCollections("- [", true).catch((e: unknown) => e);
    assert.ok(err instanceof InvalidArgumentError, String(err));
    assert.equal(err.reason, "IMPORT_INVALID");
  });

  test("a deadline is DeadlineExceededError without reason", async () => {
    const err = await client
      .withTimeout(0)
      .getSecret("demo/database")
      .catch((e: unknown) => e);
    assert.ok(err instanceof DeadlineExceededError, String(err));
    assert.equal(err.reason, "");
    assert.equal(err.fromBroker, false);
  });

  test("a foreign certificate is refused at the handshake", async () => {
    await broker.issueClientCert("ts-foreign", "spiffe://secrets-broker.dev/client", true);
    const foreign = Client.connect(broker.address, tlsDirectory(broker.tlsDir, "ts-foreign"));
    try {
      const err = await foreign.getSecret("demo/database").catch((e: unknown) => e);
      assert.ok(err instanceof UnavailableError, String(err));
      assert.equal(err.reason, "");
      assert.equal(err.fromBroker, false);
    } finally {
      foreign.close();
    }
  });
});
