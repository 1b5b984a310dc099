package io.secretsbroker.client;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.secretsbroker.v1.Secret;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Checks {@code Secret.data_crc32c} end to end, as the Python and Go clients do: CRC32C of,
 * for each key in ascending UTF-8 byte order, the 4-byte big-endian length and the bytes of
 * the key, then of the value (resources.proto). Only a secret read with all its values can be
 * checked; a key subset carries the CRC of the whole object.
 */
final class DataChecksum {
  private DataChecksum() {}

  static long of(Map<String, String> values) {
    byte[][] keys =
        values.keySet().stream()
            .map(k -> k.getBytes(StandardCharsets.UTF_8))
            .sorted(Arrays::compareUnsigned)
            .toArray(byte[][]::new);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] key : keys) {
      String text = values.get(new String(key, StandardCharsets.UTF_8));
      byte[] value = text.getBytes(StandardCharsets.UTF_8);
      for (byte[] part : new byte[][] {key, value}) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(part.length).array());
        out.writeBytes(part);
      }
    }
    CRC32C crc = new CRC32C();
    crc.update(out.toByteArray());
    return crc.getValue();
  }

  /** The secret, after checking its values against data_crc32c when all were asked for. */
  static Secret checked(Secret secret, boolean complete) {
    if (complete && of(secret.getValuesMap()) != secret.getDataCrc32C()) {
      com.google.rpc.Status status =
          com.google.rpc.Status.newBuilder()
              .setCode(Status.Code.DATA_LOSS.value())
              .setMessage("secret '" + secret.getName() + "': values do not match data_crc32c")
              .addDetails(
                  Any.pack(
                      ErrorInfo.newBuilder()
                          .setDomain(ErrorDetails.DOMAIN)
                          .setReason("DATA_CORRUPT")
                          .build()))
              .build();
      throw BrokerErrors.toException(ErrorDetails.fromStatusProto(status));
    }
    return secret;
  }
}
