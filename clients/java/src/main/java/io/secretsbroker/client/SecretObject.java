package io.secretsbroker.client;

import com.google.protobuf.Timestamp;
import io.secretsbroker.v1.Secret;
import io.secretsbroker.v1.TokenApi;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A secret object as the broker returned it: named values plus metadata. Its
 * {@link #toString()} shows the name, version and value keys and never a value, so it can be
 * logged; {@link #value(String)} is the one way a value comes out.
 */
public final class SecretObject {
  private final Secret proto;

  public SecretObject(Secret proto) {
    this.proto = proto;
  }

  /** The secret's name, for example {@code connectors/postgres-prod}. */
  public String name() {
    return proto.getName();
  }

  /** The version returned, starting at 1. */
  public long version() {
    return proto.getVersion();
  }

  /** The value for {@code key}; NoSuchElementException (naming the key) if it is absent. */
  public String value(String key) {
    String value = proto.getValuesMap().get(key);
    if (value == null) {
      throw new NoSuchElementException("secret " + name() + " has no value " + key);
    }
    return value;
  }

  /** The value for {@code key}, if present. */
  public Optional<String> findValue(String key) {
    return Optional.ofNullable(proto.getValuesMap().get(key));
  }

  /** The keys of the values returned, in ascending order. */
  public SortedSet<String> keys() {
    return new TreeSet<>(proto.getValuesMap().keySet());
  }

  /** All values returned (a read-only map: handle it as carefully as each value). */
  public Map<String, String> values() {
    return proto.getValuesMap();
  }

  public Instant createTime() {
    return instant(proto.getCreateTime());
  }

  public Instant updateTime() {
    return instant(proto.getUpdateTime());
  }

  /** How long the values may be kept before asking again; empty for the broker default. */
  public Optional<Duration> refreshAfter() {
    if (!proto.hasRefreshAfter()) {
      return Optional.empty();
    }
    com.google.protobuf.Duration d = proto.getRefreshAfter();
    return Optional.of(Duration.ofSeconds(d.getSeconds(), d.getNanos()));
  }

  /** Changes with every version; usable as {@code expected_etag} on a put. */
  public String etag() {
    return proto.getEtag();
  }

  /** CRC32C of the canonical encoding of all of the object's values. */
  public long dataCrc32c() {
    return proto.getDataCrc32C();
  }

  public Map<String, String> labels() {
    return proto.getLabelsMap();
  }

  /** How to call the token API these values unlock, if any. */
  public Optional<TokenApi> tokenApi() {
    return proto.hasTokenApi() ? Optional.of(proto.getTokenApi()) : Optional.empty();
  }

  /** The message itself. Its own toString prints the values: do not log it. */
  public Secret toProto() {
    return proto;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretObject o && proto.equals(o.proto);
  }

  @Override
  public int hashCode() {
    return proto.hashCode();
  }

  @Override
  public String toString() {
    return "SecretObject{name="
        + name()
        + ", version="
        + version()
        + ", keys="
        + keys()
        + ", values=***}";
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
