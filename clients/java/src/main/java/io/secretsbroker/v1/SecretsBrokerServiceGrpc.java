package io.secretsbroker.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Read access to secrets, user directories and access lists.
 * Callers authenticate with a client certificate (mutual TLS); their identity is the
 * certificate's SPIFFE ID (URI SAN). Every error status carries a google.rpc.ErrorInfo
 * (domain `secretsbroker`) with a stable reason, in the grpc-status-details-bin trailer:
 * * INVALID_ARGUMENT: NAME_INVALID, FIELD_INVALID, PAGE_TOKEN_INVALID,
 *   REQUEST_MALFORMED, IMPORT_INVALID; with a google.rpc.BadRequest naming the field.
 * * NOT_FOUND: SECRET_NOT_FOUND, COLLECTION_NOT_FOUND (also when the caller may not
 *   read it: forbidden and missing are indistinguishable, details included),
 *   ENTRY_NOT_FOUND (a list, control or user inside a readable collection).
 * * PERMISSION_DENIED: RPC_NOT_GRANTED, CREDENTIALS_NOT_GRANTED.
 * * UNAUTHENTICATED: IDENTITY_MISSING, IDENTITY_INVALID, CERTIFICATE_REJECTED,
 *   CERTIFICATE_REVOKED.
 * * UNAVAILABLE: STORE_UNAVAILABLE; BROKER_SEALED (a store's key provider has not
 *   answered since start: the broker is sealed, health NOT_SERVING, and unseals by
 *   itself); KEY_UNAVAILABLE (the key provider did not answer, or refused, for a data
 *   key not in memory); AUDIT_UNAVAILABLE (the call could not be recorded in the audit
 *   trail in time, so nothing was served). Each with a google.rpc.RetryInfo.
 * * DATA_LOSS: DATA_CORRUPT. RESOURCE_EXHAUSTED: RESOURCE_LIMIT, MESSAGE_TOO_LARGE,
 *   STORE_FULL, RATE_LIMITED, CONCURRENCY_LIMITED (the last two per caller identity,
 *   with a google.rpc.RetryInfo). INTERNAL: INTERNAL.
 * * DEADLINE_EXCEEDED: REQUEST_TIMEOUT (the request message did not arrive within the
 *   server's receive timeout), RPC_TIMEOUT (the call ran past the server's ceiling).
 * New reasons may be added; existing ones are never renamed.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class SecretsBrokerServiceGrpc {

  private SecretsBrokerServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "secretsbroker.v1.SecretsBrokerService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.secretsbroker.v1.GetSecretRequest,
      io.secretsbroker.v1.GetSecretResponse> getGetSecretMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetSecret",
      requestType = io.secretsbroker.v1.GetSecretRequest.class,
      responseType = io.secretsbroker.v1.GetSecretResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.secretsbroker.v1.GetSecretRequest,
      io.secretsbroker.v1.GetSecretResponse> getGetSecretMethod() {
    io.grpc.MethodDescriptor<io.secretsbroker.v1.GetSecretRequest, io.secretsbroker.v1.GetSecretResponse> getGetSecretMethod;
    if ((getGetSecretMethod = SecretsBrokerServiceGrpc.getGetSecretMethod) == null) {
      synchronized (SecretsBrokerServiceGrpc.class) {
        if ((getGetSecretMethod = SecretsBrokerServiceGrpc.getGetSecretMethod) == null) {
          SecretsBrokerServiceGrpc.getGetSecretMethod = getGetSecretMethod =
              io.grpc.MethodDescriptor.<io.secretsbroker.v1.GetSecretRequest, io.secretsbroker.v1.GetSecretResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetSecret"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.GetSecretRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.GetSecretResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SecretsBrokerServiceMethodDescriptorSupplier("GetSecret"))
              .build();
        }
      }
    }
    return getGetSecretMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.secretsbroker.v1.BatchGetSecretsRequest,
      io.secretsbroker.v1.BatchGetSecretsResponse> getBatchGetSecretsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "BatchGetSecrets",
      requestType = io.secretsbroker.v1.BatchGetSecretsRequest.class,
      responseType = io.secretsbroker.v1.BatchGetSecretsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.secretsbroker.v1.BatchGetSecretsRequest,
      io.secretsbroker.v1.BatchGetSecretsResponse> getBatchGetSecretsMethod() {
    io.grpc.MethodDescriptor<io.secretsbroker.v1.BatchGetSecretsRequest, io.secretsbroker.v1.BatchGetSecretsResponse> getBatchGetSecretsMethod;
    if ((getBatchGetSecretsMethod = SecretsBrokerServiceGrpc.getBatchGetSecretsMethod) == null) {
      synchronized (SecretsBrokerServiceGrpc.class) {
        if ((getBatchGetSecretsMethod = SecretsBrokerServiceGrpc.getBatchGetSecretsMethod) == null) {
          SecretsBrokerServiceGrpc.getBatchGetSecretsMethod = getBatchGetSecretsMethod =
              io.grpc.MethodDescriptor.<io.secretsbroker.v1.BatchGetSecretsRequest, io.secretsbroker.v1.BatchGetSecretsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "BatchGetSecrets"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.BatchGetSecretsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.BatchGetSecretsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SecretsBrokerServiceMethodDescriptorSupplier("BatchGetSecrets"))
              .build();
        }
      }
    }
    return getBatchGetSecretsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.secretsbroker.v1.GetUserDirectoryRequest,
      io.secretsbroker.v1.GetUserDirectoryResponse> getGetUserDirectoryMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetUserDirectory",
      requestType = io.secretsbroker.v1.GetUserDirectoryRequest.class,
      responseType = io.secretsbroker.v1.GetUserDirectoryResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.secretsbroker.v1.GetUserDirectoryRequest,
      io.secretsbroker.v1.GetUserDirectoryResponse> getGetUserDirectoryMethod() {
    io.grpc.MethodDescriptor<io.secretsbroker.v1.GetUserDirectoryRequest, io.secretsbroker.v1.GetUserDirectoryResponse> getGetUserDirectoryMethod;
    if ((getGetUserDirectoryMethod = SecretsBrokerServiceGrpc.getGetUserDirectoryMethod) == null) {
      synchronized (SecretsBrokerServiceGrpc.class) {
        if ((getGetUserDirectoryMethod = SecretsBrokerServiceGrpc.getGetUserDirectoryMethod) == null) {
          SecretsBrokerServiceGrpc.getGetUserDirectoryMethod = getGetUserDirectoryMethod =
              io.grpc.MethodDescriptor.<io.secretsbroker.v1.GetUserDirectoryRequest, io.secretsbroker.v1.GetUserDirectoryResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetUserDirectory"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.GetUserDirectoryRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.GetUserDirectoryResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SecretsBrokerServiceMethodDescriptorSupplier("GetUserDirectory"))
              .build();
        }
      }
    }
    return getGetUserDirectoryMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.secretsbroker.v1.GetAccessListRequest,
      io.secretsbroker.v1.GetAccessListResponse> getGetAccessListMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetAccessList",
      requestType = io.secretsbroker.v1.GetAccessListRequest.class,
      responseType = io.secretsbroker.v1.GetAccessListResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.secretsbroker.v1.GetAccessListRequest,
      io.secretsbroker.v1.GetAccessListResponse> getGetAccessListMethod() {
    io.grpc.MethodDescriptor<io.secretsbroker.v1.GetAccessListRequest, io.secretsbroker.v1.GetAccessListResponse> getGetAccessListMethod;
    if ((getGetAccessListMethod = SecretsBrokerServiceGrpc.getGetAccessListMethod) == null) {
      synchronized (SecretsBrokerServiceGrpc.class) {
        if ((getGetAccessListMethod = SecretsBrokerServiceGrpc.getGetAccessListMethod) == null) {
          SecretsBrokerServiceGrpc.getGetAccessListMethod = getGetAccessListMethod =
              io.grpc.MethodDescriptor.<io.secretsbroker.v1.GetAccessListRequest, io.secretsbroker.v1.GetAccessListResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetAccessList"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.GetAccessListRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.GetAccessListResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SecretsBrokerServiceMethodDescriptorSupplier("GetAccessList"))
              .build();
        }
      }
    }
    return getGetAccessListMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static SecretsBrokerServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SecretsBrokerServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SecretsBrokerServiceStub>() {
        @java.lang.Override
        public SecretsBrokerServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SecretsBrokerServiceStub(channel, callOptions);
        }
      };
    return SecretsBrokerServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static SecretsBrokerServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SecretsBrokerServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SecretsBrokerServiceBlockingV2Stub>() {
        @java.lang.Override
        public SecretsBrokerServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SecretsBrokerServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return SecretsBrokerServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static SecretsBrokerServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SecretsBrokerServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SecretsBrokerServiceBlockingStub>() {
        @java.lang.Override
        public SecretsBrokerServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SecretsBrokerServiceBlockingStub(channel, callOptions);
        }
      };
    return SecretsBrokerServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static SecretsBrokerServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SecretsBrokerServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SecretsBrokerServiceFutureStub>() {
        @java.lang.Override
        public SecretsBrokerServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SecretsBrokerServiceFutureStub(channel, callOptions);
        }
      };
    return SecretsBrokerServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Read access to secrets, user directories and access lists.
   * Callers authenticate with a client certificate (mutual TLS); their identity is the
   * certificate's SPIFFE ID (URI SAN). Every error status carries a google.rpc.ErrorInfo
   * (domain `secretsbroker`) with a stable reason, in the grpc-status-details-bin trailer:
   * * INVALID_ARGUMENT: NAME_INVALID, FIELD_INVALID, PAGE_TOKEN_INVALID,
   *   REQUEST_MALFORMED, IMPORT_INVALID; with a google.rpc.BadRequest naming the field.
   * * NOT_FOUND: SECRET_NOT_FOUND, COLLECTION_NOT_FOUND (also when the caller may not
   *   read it: forbidden and missing are indistinguishable, details included),
   *   ENTRY_NOT_FOUND (a list, control or user inside a readable collection).
   * * PERMISSION_DENIED: RPC_NOT_GRANTED, CREDENTIALS_NOT_GRANTED.
   * * UNAUTHENTICATED: IDENTITY_MISSING, IDENTITY_INVALID, CERTIFICATE_REJECTED,
   *   CERTIFICATE_REVOKED.
   * * UNAVAILABLE: STORE_UNAVAILABLE; BROKER_SEALED (a store's key provider has not
   *   answered since start: the broker is sealed, health NOT_SERVING, and unseals by
   *   itself); KEY_UNAVAILABLE (the key provider did not answer, or refused, for a data
   *   key not in memory); AUDIT_UNAVAILABLE (the call could not be recorded in the audit
   *   trail in time, so nothing was served). Each with a google.rpc.RetryInfo.
   * * DATA_LOSS: DATA_CORRUPT. RESOURCE_EXHAUSTED: RESOURCE_LIMIT, MESSAGE_TOO_LARGE,
   *   STORE_FULL, RATE_LIMITED, CONCURRENCY_LIMITED (the last two per caller identity,
   *   with a google.rpc.RetryInfo). INTERNAL: INTERNAL.
   * * DEADLINE_EXCEEDED: REQUEST_TIMEOUT (the request message did not arrive within the
   *   server's receive timeout), RPC_TIMEOUT (the call ran past the server's ceiling).
   * New reasons may be added; existing ones are never renamed.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Returns one secret object (latest version unless a version is named).
     * </pre>
     */
    default void getSecret(io.secretsbroker.v1.GetSecretRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.GetSecretResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetSecretMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns many secret objects; each name gets its own result, so one missing
     * name does not fail the others.
     * </pre>
     */
    default void batchGetSecrets(io.secretsbroker.v1.BatchGetSecretsRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.BatchGetSecretsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getBatchGetSecretsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns user accounts of a secrets collection, paged.
     * </pre>
     */
    default void getUserDirectory(io.secretsbroker.v1.GetUserDirectoryRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.GetUserDirectoryResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetUserDirectoryMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns a named list or an access control of a secrets collection.
     * </pre>
     */
    default void getAccessList(io.secretsbroker.v1.GetAccessListRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.GetAccessListResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetAccessListMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service SecretsBrokerService.
   * <pre>
   * Read access to secrets, user directories and access lists.
   * Callers authenticate with a client certificate (mutual TLS); their identity is the
   * certificate's SPIFFE ID (URI SAN). Every error status carries a google.rpc.ErrorInfo
   * (domain `secretsbroker`) with a stable reason, in the grpc-status-details-bin trailer:
   * * INVALID_ARGUMENT: NAME_INVALID, FIELD_INVALID, PAGE_TOKEN_INVALID,
   *   REQUEST_MALFORMED, IMPORT_INVALID; with a google.rpc.BadRequest naming the field.
   * * NOT_FOUND: SECRET_NOT_FOUND, COLLECTION_NOT_FOUND (also when the caller may not
   *   read it: forbidden and missing are indistinguishable, details included),
   *   ENTRY_NOT_FOUND (a list, control or user inside a readable collection).
   * * PERMISSION_DENIED: RPC_NOT_GRANTED, CREDENTIALS_NOT_GRANTED.
   * * UNAUTHENTICATED: IDENTITY_MISSING, IDENTITY_INVALID, CERTIFICATE_REJECTED,
   *   CERTIFICATE_REVOKED.
   * * UNAVAILABLE: STORE_UNAVAILABLE; BROKER_SEALED (a store's key provider has not
   *   answered since start: the broker is sealed, health NOT_SERVING, and unseals by
   *   itself); KEY_UNAVAILABLE (the key provider did not answer, or refused, for a data
   *   key not in memory); AUDIT_UNAVAILABLE (the call could not be recorded in the audit
   *   trail in time, so nothing was served). Each with a google.rpc.RetryInfo.
   * * DATA_LOSS: DATA_CORRUPT. RESOURCE_EXHAUSTED: RESOURCE_LIMIT, MESSAGE_TOO_LARGE,
   *   STORE_FULL, RATE_LIMITED, CONCURRENCY_LIMITED (the last two per caller identity,
   *   with a google.rpc.RetryInfo). INTERNAL: INTERNAL.
   * * DEADLINE_EXCEEDED: REQUEST_TIMEOUT (the request message did not arrive within the
   *   server's receive timeout), RPC_TIMEOUT (the call ran past the server's ceiling).
   * New reasons may be added; existing ones are never renamed.
   * </pre>
   */
  public static abstract class SecretsBrokerServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return SecretsBrokerServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service SecretsBrokerService.
   * <pre>
   * Read access to secrets, user directories and access lists.
   * Callers authenticate with a client certificate (mutual TLS); their identity is the
   * certificate's SPIFFE ID (URI SAN). Every error status carries a google.rpc.ErrorInfo
   * (domain `secretsbroker`) with a stable reason, in the grpc-status-details-bin trailer:
   * * INVALID_ARGUMENT: NAME_INVALID, FIELD_INVALID, PAGE_TOKEN_INVALID,
   *   REQUEST_MALFORMED, IMPORT_INVALID; with a google.rpc.BadRequest naming the field.
   * * NOT_FOUND: SECRET_NOT_FOUND, COLLECTION_NOT_FOUND (also when the caller may not
   *   read it: forbidden and missing are indistinguishable, details included),
   *   ENTRY_NOT_FOUND (a list, control or user inside a readable collection).
   * * PERMISSION_DENIED: RPC_NOT_GRANTED, CREDENTIALS_NOT_GRANTED.
   * * UNAUTHENTICATED: IDENTITY_MISSING, IDENTITY_INVALID, CERTIFICATE_REJECTED,
   *   CERTIFICATE_REVOKED.
   * * UNAVAILABLE: STORE_UNAVAILABLE; BROKER_SEALED (a store's key provider has not
   *   answered since start: the broker is sealed, health NOT_SERVING, and unseals by
   *   itself); KEY_UNAVAILABLE (the key provider did not answer, or refused, for a data
   *   key not in memory); AUDIT_UNAVAILABLE (the call could not be recorded in the audit
   *   trail in time, so nothing was served). Each with a google.rpc.RetryInfo.
   * * DATA_LOSS: DATA_CORRUPT. RESOURCE_EXHAUSTED: RESOURCE_LIMIT, MESSAGE_TOO_LARGE,
   *   STORE_FULL, RATE_LIMITED, CONCURRENCY_LIMITED (the last two per caller identity,
   *   with a google.rpc.RetryInfo). INTERNAL: INTERNAL.
   * * DEADLINE_EXCEEDED: REQUEST_TIMEOUT (the request message did not arrive within the
   *   server's receive timeout), RPC_TIMEOUT (the call ran past the server's ceiling).
   * New reasons may be added; existing ones are never renamed.
   * </pre>
   */
  public static final class SecretsBrokerServiceStub
      extends io.grpc.stub.AbstractAsyncStub<SecretsBrokerServiceStub> {
    private SecretsBrokerServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SecretsBrokerServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SecretsBrokerServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns one secret object (latest version unless a version is named).
     * </pre>
     */
    public void getSecret(io.secretsbroker.v1.GetSecretRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.GetSecretResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetSecretMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns many secret objects; each name gets its own result, so one missing
     * name does not fail the others.
     * </pre>
     */
    public void batchGetSecrets(io.secretsbroker.v1.BatchGetSecretsRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.BatchGetSecretsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getBatchGetSecretsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns user accounts of a secrets collection, paged.
     * </pre>
     */
    public void getUserDirectory(io.secretsbroker.v1.GetUserDirectoryRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.GetUserDirectoryResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetUserDirectoryMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns a named list or an access control of a secrets collection.
     * </pre>
     */
    public void getAccessList(io.secretsbroker.v1.GetAccessListRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.GetAccessListResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetAccessListMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service SecretsBrokerService.
   * <pre>
   * Read access to secrets, user directories and access lists.
   * Callers authenticate with a client certificate (mutual TLS); their identity is the
   * certificate's SPIFFE ID (URI SAN). Every error status carries a google.rpc.ErrorInfo
   * (domain `secretsbroker`) with a stable reason, in the grpc-status-details-bin trailer:
   * * INVALID_ARGUMENT: NAME_INVALID, FIELD_INVALID, PAGE_TOKEN_INVALID,
   *   REQUEST_MALFORMED, IMPORT_INVALID; with a google.rpc.BadRequest naming the field.
   * * NOT_FOUND: SECRET_NOT_FOUND, COLLECTION_NOT_FOUND (also when the caller may not
   *   read it: forbidden and missing are indistinguishable, details included),
   *   ENTRY_NOT_FOUND (a list, control or user inside a readable collection).
   * * PERMISSION_DENIED: RPC_NOT_GRANTED, CREDENTIALS_NOT_GRANTED.
   * * UNAUTHENTICATED: IDENTITY_MISSING, IDENTITY_INVALID, CERTIFICATE_REJECTED,
   *   CERTIFICATE_REVOKED.
   * * UNAVAILABLE: STORE_UNAVAILABLE; BROKER_SEALED (a store's key provider has not
   *   answered since start: the broker is sealed, health NOT_SERVING, and unseals by
   *   itself); KEY_UNAVAILABLE (the key provider did not answer, or refused, for a data
   *   key not in memory); AUDIT_UNAVAILABLE (the call could not be recorded in the audit
   *   trail in time, so nothing was served). Each with a google.rpc.RetryInfo.
   * * DATA_LOSS: DATA_CORRUPT. RESOURCE_EXHAUSTED: RESOURCE_LIMIT, MESSAGE_TOO_LARGE,
   *   STORE_FULL, RATE_LIMITED, CONCURRENCY_LIMITED (the last two per caller identity,
   *   with a google.rpc.RetryInfo). INTERNAL: INTERNAL.
   * * DEADLINE_EXCEEDED: REQUEST_TIMEOUT (the request message did not arrive within the
   *   server's receive timeout), RPC_TIMEOUT (the call ran past the server's ceiling).
   * New reasons may be added; existing ones are never renamed.
   * </pre>
   */
  public static final class SecretsBrokerServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<SecretsBrokerServiceBlockingV2Stub> {
    private SecretsBrokerServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SecretsBrokerServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SecretsBrokerServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns one secret object (latest version unless a version is named).
     * </pre>
     */
    public io.secretsbroker.v1.GetSecretResponse getSecret(io.secretsbroker.v1.GetSecretRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetSecretMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns many secret objects; each name gets its own result, so one missing
     * name does not fail the others.
     * </pre>
     */
    public io.secretsbroker.v1.BatchGetSecretsResponse batchGetSecrets(io.secretsbroker.v1.BatchGetSecretsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getBatchGetSecretsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns user accounts of a secrets collection, paged.
     * </pre>
     */
    public io.secretsbroker.v1.GetUserDirectoryResponse getUserDirectory(io.secretsbroker.v1.GetUserDirectoryRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetUserDirectoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns a named list or an access control of a secrets collection.
     * </pre>
     */
    public io.secretsbroker.v1.GetAccessListResponse getAccessList(io.secretsbroker.v1.GetAccessListRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetAccessListMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service SecretsBrokerService.
   * <pre>
   * Read access to secrets, user directories and access lists.
   * Callers authenticate with a client certificate (mutual TLS); their identity is the
   * certificate's SPIFFE ID (URI SAN). Every error status carries a google.rpc.ErrorInfo
   * (domain `secretsbroker`) with a stable reason, in the grpc-status-details-bin trailer:
   * * INVALID_ARGUMENT: NAME_INVALID, FIELD_INVALID, PAGE_TOKEN_INVALID,
   *   REQUEST_MALFORMED, IMPORT_INVALID; with a google.rpc.BadRequest naming the field.
   * * NOT_FOUND: SECRET_NOT_FOUND, COLLECTION_NOT_FOUND (also when the caller may not
   *   read it: forbidden and missing are indistinguishable, details included),
   *   ENTRY_NOT_FOUND (a list, control or user inside a readable collection).
   * * PERMISSION_DENIED: RPC_NOT_GRANTED, CREDENTIALS_NOT_GRANTED.
   * * UNAUTHENTICATED: IDENTITY_MISSING, IDENTITY_INVALID, CERTIFICATE_REJECTED,
   *   CERTIFICATE_REVOKED.
   * * UNAVAILABLE: STORE_UNAVAILABLE; BROKER_SEALED (a store's key provider has not
   *   answered since start: the broker is sealed, health NOT_SERVING, and unseals by
   *   itself); KEY_UNAVAILABLE (the key provider did not answer, or refused, for a data
   *   key not in memory); AUDIT_UNAVAILABLE (the call could not be recorded in the audit
   *   trail in time, so nothing was served). Each with a google.rpc.RetryInfo.
   * * DATA_LOSS: DATA_CORRUPT. RESOURCE_EXHAUSTED: RESOURCE_LIMIT, MESSAGE_TOO_LARGE,
   *   STORE_FULL, RATE_LIMITED, CONCURRENCY_LIMITED (the last two per caller identity,
   *   with a google.rpc.RetryInfo). INTERNAL: INTERNAL.
   * * DEADLINE_EXCEEDED: REQUEST_TIMEOUT (the request message did not arrive within the
   *   server's receive timeout), RPC_TIMEOUT (the call ran past the server's ceiling).
   * New reasons may be added; existing ones are never renamed.
   * </pre>
   */
  public static final class SecretsBrokerServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<SecretsBrokerServiceBlockingStub> {
    private SecretsBrokerServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SecretsBrokerServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SecretsBrokerServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns one secret object (latest version unless a version is named).
     * </pre>
     */
    public io.secretsbroker.v1.GetSecretResponse getSecret(io.secretsbroker.v1.GetSecretRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetSecretMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns many secret objects; each name gets its own result, so one missing
     * name does not fail the others.
     * </pre>
     */
    public io.secretsbroker.v1.BatchGetSecretsResponse batchGetSecrets(io.secretsbroker.v1.BatchGetSecretsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getBatchGetSecretsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns user accounts of a secrets collection, paged.
     * </pre>
     */
    public io.secretsbroker.v1.GetUserDirectoryResponse getUserDirectory(io.secretsbroker.v1.GetUserDirectoryRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetUserDirectoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns a named list or an access control of a secrets collection.
     * </pre>
     */
    public io.secretsbroker.v1.GetAccessListResponse getAccessList(io.secretsbroker.v1.GetAccessListRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetAccessListMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service SecretsBrokerService.
   * <pre>
   * Read access to secrets, user directories and access lists.
   * Callers authenticate with a client certificate (mutual TLS); their identity is the
   * certificate's SPIFFE ID (URI SAN). Every error status carries a google.rpc.ErrorInfo
   * (domain `secretsbroker`) with a stable reason, in the grpc-status-details-bin trailer:
   * * INVALID_ARGUMENT: NAME_INVALID, FIELD_INVALID, PAGE_TOKEN_INVALID,
   *   REQUEST_MALFORMED, IMPORT_INVALID; with a google.rpc.BadRequest naming the field.
   * * NOT_FOUND: SECRET_NOT_FOUND, COLLECTION_NOT_FOUND (also when the caller may not
   *   read it: forbidden and missing are indistinguishable, details included),
   *   ENTRY_NOT_FOUND (a list, control or user inside a readable collection).
   * * PERMISSION_DENIED: RPC_NOT_GRANTED, CREDENTIALS_NOT_GRANTED.
   * * UNAUTHENTICATED: IDENTITY_MISSING, IDENTITY_INVALID, CERTIFICATE_REJECTED,
   *   CERTIFICATE_REVOKED.
   * * UNAVAILABLE: STORE_UNAVAILABLE; BROKER_SEALED (a store's key provider has not
   *   answered since start: the broker is sealed, health NOT_SERVING, and unseals by
   *   itself); KEY_UNAVAILABLE (the key provider did not answer, or refused, for a data
   *   key not in memory); AUDIT_UNAVAILABLE (the call could not be recorded in the audit
   *   trail in time, so nothing was served). Each with a google.rpc.RetryInfo.
   * * DATA_LOSS: DATA_CORRUPT. RESOURCE_EXHAUSTED: RESOURCE_LIMIT, MESSAGE_TOO_LARGE,
   *   STORE_FULL, RATE_LIMITED, CONCURRENCY_LIMITED (the last two per caller identity,
   *   with a google.rpc.RetryInfo). INTERNAL: INTERNAL.
   * * DEADLINE_EXCEEDED: REQUEST_TIMEOUT (the request message did not arrive within the
   *   server's receive timeout), RPC_TIMEOUT (the call ran past the server's ceiling).
   * New reasons may be added; existing ones are never renamed.
   * </pre>
   */
  public static final class SecretsBrokerServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<SecretsBrokerServiceFutureStub> {
    private SecretsBrokerServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SecretsBrokerServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SecretsBrokerServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns one secret object (latest version unless a version is named).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.secretsbroker.v1.GetSecretResponse> getSecret(
        io.secretsbroker.v1.GetSecretRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetSecretMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns many secret objects; each name gets its own result, so one missing
     * name does not fail the others.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.secretsbroker.v1.BatchGetSecretsResponse> batchGetSecrets(
        io.secretsbroker.v1.BatchGetSecretsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getBatchGetSecretsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns user accounts of a secrets collection, paged.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.secretsbroker.v1.GetUserDirectoryResponse> getUserDirectory(
        io.secretsbroker.v1.GetUserDirectoryRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetUserDirectoryMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns a named list or an access control of a secrets collection.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.secretsbroker.v1.GetAccessListResponse> getAccessList(
        io.secretsbroker.v1.GetAccessListRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetAccessListMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_SECRET = 0;
  private static final int METHODID_BATCH_GET_SECRETS = 1;
  private static final int METHODID_GET_USER_DIRECTORY = 2;
  private static final int METHODID_GET_ACCESS_LIST = 3;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_GET_SECRET:
          serviceImpl.getSecret((io.secretsbroker.v1.GetSecretRequest) request,
              (io.grpc.stub.StreamObserver<io.secretsbroker.v1.GetSecretResponse>) responseObserver);
          break;
        case METHODID_BATCH_GET_SECRETS:
          serviceImpl.batchGetSecrets((io.secretsbroker.v1.BatchGetSecretsRequest) request,
              (io.grpc.stub.StreamObserver<io.secretsbroker.v1.BatchGetSecretsResponse>) responseObserver);
          break;
        case METHODID_GET_USER_DIRECTORY:
          serviceImpl.getUserDirectory((io.secretsbroker.v1.GetUserDirectoryRequest) request,
              (io.grpc.stub.StreamObserver<io.secretsbroker.v1.GetUserDirectoryResponse>) responseObserver);
          break;
        case METHODID_GET_ACCESS_LIST:
          serviceImpl.getAccessList((io.secretsbroker.v1.GetAccessListRequest) request,
              (io.grpc.stub.StreamObserver<io.secretsbroker.v1.GetAccessListResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getGetSecretMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.secretsbroker.v1.GetSecretRequest,
              io.secretsbroker.v1.GetSecretResponse>(
                service, METHODID_GET_SECRET)))
        .addMethod(
          getBatchGetSecretsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.secretsbroker.v1.BatchGetSecretsRequest,
              io.secretsbroker.v1.BatchGetSecretsResponse>(
                service, METHODID_BATCH_GET_SECRETS)))
        .addMethod(
          getGetUserDirectoryMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.secretsbroker.v1.GetUserDirectoryRequest,
              io.secretsbroker.v1.GetUserDirectoryResponse>(
                service, METHODID_GET_USER_DIRECTORY)))
        .addMethod(
          getGetAccessListMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.secretsbroker.v1.GetAccessListRequest,
              io.secretsbroker.v1.GetAccessListResponse>(
                service, METHODID_GET_ACCESS_LIST)))
        .build();
  }

  private static abstract class SecretsBrokerServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    SecretsBrokerServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.secretsbroker.v1.BrokerServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("SecretsBrokerService");
    }
  }

  private static final class SecretsBrokerServiceFileDescriptorSupplier
      extends SecretsBrokerServiceBaseDescriptorSupplier {
    SecretsBrokerServiceFileDescriptorSupplier() {}
  }

  private static final class SecretsBrokerServiceMethodDescriptorSupplier
      extends SecretsBrokerServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    SecretsBrokerServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (SecretsBrokerServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new SecretsBrokerServiceFileDescriptorSupplier())
              .addMethod(getGetSecretMethod())
              .addMethod(getBatchGetSecretsMethod())
              .addMethod(getGetUserDirectoryMethod())
              .addMethod(getGetAccessListMethod())
              .build();
        }
      }
    }
    return result;
  }
}
