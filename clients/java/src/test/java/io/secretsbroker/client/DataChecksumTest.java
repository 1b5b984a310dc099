package io.secretsbroker.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.secretsbroker.v1.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** data_crc32c as the broker and the Python client compute it (same vectors). */
class DataChecksumTest {
  @Test
  void matchesTheBrokersCanonicalEncoding() {
    assertEquals(4130319374L, DataChecksum.of(Map.of("userId", "demo", "clearPassword", "s3cret")));
    assertEquals(269445522L, DataChecksum.of(Map.of("k", "v")));
    assertEquals(4052637521L, DataChecksum.of(Map.of("é", "ü", "a", "b")));
    assertEquals(0L, DataChecksum.of(Map.of()));
  }

  @Test
  void aMismatchIsDataCorruptOnlyWhenEveryValueWasAskedFor() {
    Secret bad = Secret.newBuilder().setName("a/b").putValues("k", "v").setDataCrc32C(1).build();
    DataCorruptException e =
        assertThrows(DataCorruptException.class, () -> DataChecksum.checked(bad, true));
    assertEquals(Status.Code.DATA_LOSS, e.code());
    assertEquals("DATA_CORRUPT", e.reason());
    assertSame(bad, DataChecksum.checked(bad, false)); // a key subset: CRC of the whole object
    Secret good = bad.toBuilder().setDataCrc32C(269445522L).build();
    assertSame(good, DataChecksum.checked(good, true));
  }
}
