package io.secretsbroker.client;

/** FAILED_PRECONDITION / STORE_READ_ONLY: a write to a name routed to a read-only store. */
public class StoreReadOnlyException extends BrokerException {
  private static final long serialVersionUID = 1L;

  public StoreReadOnlyException(ErrorDetails details) {
    super(details);
  }
}
