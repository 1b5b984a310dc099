package io.secretsbroker.client;

/**
 * INVALID_ARGUMENT: NAME_INVALID, FIELD_INVALID, PAGE_TOKEN_INVALID, REQUEST_MALFORMED or
 * IMPORT_INVALID. {@link #field()} names the offending request field.
 */
public class InvalidArgumentException extends BrokerException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(ErrorDetails details) {
    super(details);
  }

  /** The request field the broker rejected (ErrorInfo metadata, else BadRequest); or "". */
  public String field() {
    String field = metadata().get("field");
    if (field != null) {
      return field;
    }
    return fieldViolations().isEmpty() ? "" : fieldViolations().get(0).getField();
  }
}
