package io.secretsbroker.client;

/** DATA_LOSS / DATA_CORRUPT: stored data failed its integrity check. */
public class DataCorruptException extends BrokerException {
  private static final long serialVersionUID = 1L;

  public DataCorruptException(ErrorDetails details) {
    super(details);
  }
}
