package io.secretsbroker.client;

/** UNAVAILABLE: the broker or its store cannot be reached (already retried by the client). */
public class UnavailableException extends BrokerException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(ErrorDetails details) {
    super(details);
  }
}
