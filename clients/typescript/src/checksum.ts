// Checks Secret.data_crc32c end to end, as the Python, Go and Java clients do: CRC32C of,
// for each key in ascending UTF-8 byte order, the 4-byte big-endian length and the bytes
// of the key, then of the value (resources.proto). Only a secret read with all its values
// can be checked: a key subset carries the CRC of the whole object.
import { create } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import * as grpc from "@grpc/grpc-js";
import { ErrorInfoSchema } from "./gen/google/rpc/error_details_pb.js";
import { StatusSchema } from "./gen/google/rpc/status_pb.js";
import type { Secret } from "./gen/secretsbroker/v1/resources_pb.js";
import { ERROR_DOMAIN, errorFromStatus } from "./errors.js";

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let crc = n;
    for (let i = 0; i < 8; i++) {
      crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
    }
    table[n] = crc >>> 0;
  }
  return table;
})();

function crc32c(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc = TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** data_crc32c of these values. */
export function dataCrc32c(values: Record<string, string>): number {
  const encoder = new TextEncoder();
  const keys = Object.keys(values)
    .map((k) => encoder.encode(k))
    .sort((a, b) => Buffer.compare(a, b));
  const parts: Uint8Array[] = [];
  for (const key of keys) {
    const value = encoder.encode(values[new TextDecoder().decode(key)]);
    for (const part of [key, value]) {
      const length = new Uint8Array(4);
      new DataView(length.buffer).setUint32(0, part.length);
      parts.push(length, part);
    }
  }
  return crc32c(Buffer.concat(parts));
}

/** The secret, after checking its values against data_crc32c when all were asked for. */
export function checked(secret: Secret, complete: boolean): Secret {
  if (complete && BigInt(dataCrc32c(secret.values)) !== BigInt(secret.dataCrc32c)) {
    const info = create(ErrorInfoSchema, { domain: ERROR_DOMAIN, reason: "DATA_CORRUPT" });
    throw errorFromStatus(
      create(StatusSchema, {
        code: grpc.status.DATA_LOSS,
        message: `secret '${secret.name}': values do not match data_crc32c`,
        details: [anyPack(ErrorInfoSchema, info)],
      }),
    );
  }
  return secret;
}
