// data_crc32c as the broker and the Python client compute it (same vectors as the Java test).
import assert from "node:assert/strict";
import { test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { checkedSecret, DataCorruptError, dataCrc32c, SecretSchema } from "../src/index.js";

test("data_crc32c matches the broker's canonical encoding", () => {
  assert.equal(dataCrc32c({ userId: "demo", clearPassword: "s3cret" }), 4130319374);
  assert.equal(dataCrc32c({ k: "v" }), 269445522);
  assert.equal(dataCrc32c({ "é": "ü", a: "b" }), 4052637521);
  assert.equal(dataCrc32c({}), 0);
});

test("a mismatch is DATA_CORRUPT only when every value was asked for", () => {
  const bad = create(SecretSchema, { name: "a/b", values: { k: "v" }, dataCrc32c: 1n });
  assert.throws(
    () => checkedSecret(bad, true),
    (e: unknown) => e instanceof DataCorruptError && e.reason === "DATA_CORRUPT",
  );
  assert.equal(checkedSecret(bad, false), bad);
  const good = create(SecretSchema, { name: "a/b", values: { k: "v" }, dataCrc32c: 269445522n });
  assert.equal(checkedSecret(good, true), good);
});
