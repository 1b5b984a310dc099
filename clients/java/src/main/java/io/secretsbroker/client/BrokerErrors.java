package io.secretsbroker.client;

/** The one table from a status (reason first, then code) to the exception a caller gets. */
public final class BrokerErrors {
  private BrokerErrors() {}

  /** The typed exception for a failed call. */
  public static BrokerException fromThrowable(Throwable t) {
    if (t instanceof BrokerException e) {
      return e;
    }
    return toException(ErrorDetails.fromThrowable(t));
  }

  /** The typed exception for a status: specific reasons first, then the code's family. */
  public static BrokerException toException(ErrorDetails d) {
    switch (d.reason()) {
      case "SECRET_NOT_FOUND":
        return new SecretNotFoundException(d);
      case "COLLECTION_NOT_FOUND":
        return new CollectionNotFoundException(d);
      case "ENTRY_NOT_FOUND":
        return new EntryNotFoundException(d);
      case "CAS_MISMATCH":
        return new CasMismatchException(d);
      case "STORE_READ_ONLY":
        return new StoreReadOnlyException(d);
      default:
        break;
    }
    switch (d.code()) {
      case INVALID_ARGUMENT:
        return new InvalidArgumentException(d);
      case NOT_FOUND:
        return new NotFoundException(d);
      case PERMISSION_DENIED:
        return new PermissionDeniedException(d);
      case UNAUTHENTICATED:
        return new UnauthenticatedException(d);
      case UNAVAILABLE:
        return new UnavailableException(d);
      case DATA_LOSS:
        return new DataCorruptException(d);
      case RESOURCE_EXHAUSTED:
        return new ResourceExhaustedException(d);
      case DEADLINE_EXCEEDED:
        return new DeadlineExceededException(d);
      default:
        return new BrokerException(d);
    }
  }
}
