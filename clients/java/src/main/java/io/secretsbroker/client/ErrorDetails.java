package io.secretsbroker.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a failed RPC said: the status and the details the broker puts in the
 * {@code grpc-status-details-bin} trailer (ErrorInfo, BadRequest, PreconditionFailure,
 * RetryInfo). Details of an unknown type are skipped, so newer brokers stay readable.
 */
public record ErrorDetails(
    Status.Code code,
    String message,
    String reason,
    Map<String, String> metadata,
    List<BadRequest.FieldViolation> fieldViolations,
    List<PreconditionFailure.Violation> preconditionViolations,
    Optional<Duration> retryDelay,
    Throwable cause) {

  /** The ErrorInfo domain of the broker's reasons. */
  public static final String DOMAIN = "secretsbroker";

  public ErrorDetails {
    metadata = Map.copyOf(metadata);
    fieldViolations = List.copyOf(fieldViolations);
    preconditionViolations = List.copyOf(preconditionViolations);
  }

  /** Reads the status of a failed call (a StatusRuntimeException or StatusException). */
  public static ErrorDetails fromThrowable(Throwable t) {
    Status status = Status.fromThrowable(t);
    com.google.rpc.Status proto = StatusProto.fromThrowable(t);
    List<Any> details = proto == null ? List.of() : proto.getDetailsList();
    return parse(status.getCode(), nullToEmpty(status.getDescription()), details, t);
  }

  /** Reads a {@code google.rpc.Status} (as a BatchGetSecrets result carries one). */
  public static ErrorDetails fromStatusProto(com.google.rpc.Status proto) {
    Status.Code code = Status.fromCodeValue(proto.getCode()).getCode();
    return parse(code, proto.getMessage(), proto.getDetailsList(), null);
  }

  private static ErrorDetails parse(
      Status.Code code, String message, List<Any> details, Throwable cause) {
    String reason = "";
    Map<String, String> metadata = Map.of();
    List<BadRequest.FieldViolation> fields = new ArrayList<>();
    List<PreconditionFailure.Violation> preconditions = new ArrayList<>();
    Optional<Duration> retry = Optional.empty();
    for (Any any : details) {
      try {
        if (any.is(ErrorInfo.class)) {
          ErrorInfo info = any.unpack(ErrorInfo.class);
          if (DOMAIN.equals(info.getDomain())) {
            reason = info.getReason();
            metadata = info.getMetadataMap();
          }
        } else if (any.is(BadRequest.class)) {
          fields.addAll(any.unpack(BadRequest.class).getFieldViolationsList());
        } else if (any.is(PreconditionFailure.class)) {
          preconditions.addAll(any.unpack(PreconditionFailure.class).getViolationsList());
        } else if (any.is(RetryInfo.class)) {
          com.google.protobuf.Duration d = any.unpack(RetryInfo.class).getRetryDelay();
          retry = Optional.of(Duration.ofSeconds(d.getSeconds(), d.getNanos()));
        }
      } catch (InvalidProtocolBufferException e) {
        // A damaged detail is not worth hiding the status it came with.
      }
    }
    return new ErrorDetails(code, message, reason, metadata, fields, preconditions, retry, cause);
  }

  String describe() {
    String head = reason.isEmpty() ? code.name() : code.name() + " " + reason;
    return message.isEmpty() ? head : head + ": " + message;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
