package io.secretsbroker.client;

/** RESOURCE_EXHAUSTED: RESOURCE_LIMIT, MESSAGE_TOO_LARGE or STORE_FULL. */
public class ResourceExhaustedException extends BrokerException {
  private static final long serialVersionUID = 1L;

  public ResourceExhaustedException(ErrorDetails details) {
    super(details);
  }
}
