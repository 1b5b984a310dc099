package io.secretsbroker.client;

/** DEADLINE_EXCEEDED: no answer within the client's deadline (gRPC's status, no reason). */
public class DeadlineExceededException extends BrokerException {
  private static final long serialVersionUID = 1L;

  public DeadlineExceededException(ErrorDetails details) {
    super(details);
  }
}
