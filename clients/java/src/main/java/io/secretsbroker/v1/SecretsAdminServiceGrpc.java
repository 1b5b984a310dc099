package io.secretsbroker.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Writes and listings. Every RPC needs an admin grant for the names it touches.
 * Errors carry google.rpc.ErrorInfo as on SecretsBrokerService. A stale
 * compare-and-set (expected_version or expected_etag that is not the current one)
 * answers ABORTED / CAS_MISMATCH with a google.rpc.PreconditionFailure: read again,
 * then retry. A name the caller may not write answers NOT_FOUND / SECRET_NOT_FOUND, as
 * on reads. A write to a name routed to a read-only store answers FAILED_PRECONDITION /
 * STORE_READ_ONLY.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class SecretsAdminServiceGrpc {

  private SecretsAdminServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "secretsbroker.v1.SecretsAdminService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.secretsbroker.v1.PutSecretRequest,
      io.secretsbroker.v1.PutSecretResponse> getPutSecretMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "PutSecret",
      requestType = io.secretsbroker.v1.PutSecretRequest.class,
      responseType = io.secretsbroker.v1.PutSecretResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.secretsbroker.v1.PutSecretRequest,
      io.secretsbroker.v1.PutSecretResponse> getPutSecretMethod() {
    io.grpc.MethodDescriptor<io.secretsbroker.v1.PutSecretRequest, io.secretsbroker.v1.PutSecretResponse> getPutSecretMethod;
    if ((getPutSecretMethod = SecretsAdminServiceGrpc.getPutSecretMethod) == null) {
      synchronized (SecretsAdminServiceGrpc.class) {
        if ((getPutSecretMethod = SecretsAdminServiceGrpc.getPutSecretMethod) == null) {
          SecretsAdminServiceGrpc.getPutSecretMethod = getPutSecretMethod =
              io.grpc.MethodDescriptor.<io.secretsbroker.v1.PutSecretRequest, io.secretsbroker.v1.PutSecretResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "PutSecret"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.PutSecretRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.PutSecretResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SecretsAdminServiceMethodDescriptorSupplier("PutSecret"))
              .build();
        }
      }
    }
    return getPutSecretMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.secretsbroker.v1.DeleteSecretRequest,
      io.secretsbroker.v1.DeleteSecretResponse> getDeleteSecretMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteSecret",
      requestType = io.secretsbroker.v1.DeleteSecretRequest.class,
      responseType = io.secretsbroker.v1.DeleteSecretResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.secretsbroker.v1.DeleteSecretRequest,
      io.secretsbroker.v1.DeleteSecretResponse> getDeleteSecretMethod() {
    io.grpc.MethodDescriptor<io.secretsbroker.v1.DeleteSecretRequest, io.secretsbroker.v1.DeleteSecretResponse> getDeleteSecretMethod;
    if ((getDeleteSecretMethod = SecretsAdminServiceGrpc.getDeleteSecretMethod) == null) {
      synchronized (SecretsAdminServiceGrpc.class) {
        if ((getDeleteSecretMethod = SecretsAdminServiceGrpc.getDeleteSecretMethod) == null) {
          SecretsAdminServiceGrpc.getDeleteSecretMethod = getDeleteSecretMethod =
              io.grpc.MethodDescriptor.<io.secretsbroker.v1.DeleteSecretRequest, io.secretsbroker.v1.DeleteSecretResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteSecret"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.DeleteSecretRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.DeleteSecretResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SecretsAdminServiceMethodDescriptorSupplier("DeleteSecret"))
              .build();
        }
      }
    }
    return getDeleteSecretMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.secretsbroker.v1.ListSecretsRequest,
      io.secretsbroker.v1.ListSecretsResponse> getListSecretsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListSecrets",
      requestType = io.secretsbroker.v1.ListSecretsRequest.class,
      responseType = io.secretsbroker.v1.ListSecretsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.secretsbroker.v1.ListSecretsRequest,
      io.secretsbroker.v1.ListSecretsResponse> getListSecretsMethod() {
    io.grpc.MethodDescriptor<io.secretsbroker.v1.ListSecretsRequest, io.secretsbroker.v1.ListSecretsResponse> getListSecretsMethod;
    if ((getListSecretsMethod = SecretsAdminServiceGrpc.getListSecretsMethod) == null) {
      synchronized (SecretsAdminServiceGrpc.class) {
        if ((getListSecretsMethod = SecretsAdminServiceGrpc.getListSecretsMethod) == null) {
          SecretsAdminServiceGrpc.getListSecretsMethod = getListSecretsMethod =
              io.grpc.MethodDescriptor.<io.secretsbroker.v1.ListSecretsRequest, io.secretsbroker.v1.ListSecretsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListSecrets"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.ListSecretsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.ListSecretsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SecretsAdminServiceMethodDescriptorSupplier("ListSecrets"))
              .build();
        }
      }
    }
    return getListSecretsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.secretsbroker.v1.ImportCollectionsRequest,
      io.secretsbroker.v1.ImportCollectionsResponse> getImportCollectionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ImportCollections",
      requestType = io.secretsbroker.v1.ImportCollectionsRequest.class,
      responseType = io.secretsbroker.v1.ImportCollectionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.secretsbroker.v1.ImportCollectionsRequest,
      io.secretsbroker.v1.ImportCollectionsResponse> getImportCollectionsMethod() {
    io.grpc.MethodDescriptor<io.secretsbroker.v1.ImportCollectionsRequest, io.secretsbroker.v1.ImportCollectionsResponse> getImportCollectionsMethod;
    if ((getImportCollectionsMethod = SecretsAdminServiceGrpc.getImportCollectionsMethod) == null) {
      synchronized (SecretsAdminServiceGrpc.class) {
        if ((getImportCollectionsMethod = SecretsAdminServiceGrpc.getImportCollectionsMethod) == null) {
          SecretsAdminServiceGrpc.getImportCollectionsMethod = getImportCollectionsMethod =
              io.grpc.MethodDescriptor.<io.secretsbroker.v1.ImportCollectionsRequest, io.secretsbroker.v1.ImportCollectionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ImportCollections"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.ImportCollectionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.secretsbroker.v1.ImportCollectionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SecretsAdminServiceMethodDescriptorSupplier("ImportCollections"))
              .build();
        }
      }
    }
    return getImportCollectionsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static SecretsAdminServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SecretsAdminServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SecretsAdminServiceStub>() {
        @java.lang.Override
        public SecretsAdminServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SecretsAdminServiceStub(channel, callOptions);
        }
      };
    return SecretsAdminServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static SecretsAdminServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SecretsAdminServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SecretsAdminServiceBlockingV2Stub>() {
        @java.lang.Override
        public SecretsAdminServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SecretsAdminServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return SecretsAdminServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static SecretsAdminServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SecretsAdminServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SecretsAdminServiceBlockingStub>() {
        @java.lang.Override
        public SecretsAdminServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SecretsAdminServiceBlockingStub(channel, callOptions);
        }
      };
    return SecretsAdminServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static SecretsAdminServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SecretsAdminServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SecretsAdminServiceFutureStub>() {
        @java.lang.Override
        public SecretsAdminServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SecretsAdminServiceFutureStub(channel, callOptions);
        }
      };
    return SecretsAdminServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Writes and listings. Every RPC needs an admin grant for the names it touches.
   * Errors carry google.rpc.ErrorInfo as on SecretsBrokerService. A stale
   * compare-and-set (expected_version or expected_etag that is not the current one)
   * answers ABORTED / CAS_MISMATCH with a google.rpc.PreconditionFailure: read again,
   * then retry. A name the caller may not write answers NOT_FOUND / SECRET_NOT_FOUND, as
   * on reads. A write to a name routed to a read-only store answers FAILED_PRECONDITION /
   * STORE_READ_ONLY.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Writes a new version of a secret object (creating it if absent).
     * </pre>
     */
    default void putSecret(io.secretsbroker.v1.PutSecretRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.PutSecretResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getPutSecretMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes a secret object with all its versions.
     * </pre>
     */
    default void deleteSecret(io.secretsbroker.v1.DeleteSecretRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.DeleteSecretResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteSecretMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists secret names with their metadata, never their values.
     * </pre>
     */
    default void listSecrets(io.secretsbroker.v1.ListSecretsRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.ListSecretsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListSecretsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Imports secrets collections from a YAML document in the secretsCollections format.
     * </pre>
     */
    default void importCollections(io.secretsbroker.v1.ImportCollectionsRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.ImportCollectionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getImportCollectionsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service SecretsAdminService.
   * <pre>
   * Writes and listings. Every RPC needs an admin grant for the names it touches.
   * Errors carry google.rpc.ErrorInfo as on SecretsBrokerService. A stale
   * compare-and-set (expected_version or expected_etag that is not the current one)
   * answers ABORTED / CAS_MISMATCH with a google.rpc.PreconditionFailure: read again,
   * then retry. A name the caller may not write answers NOT_FOUND / SECRET_NOT_FOUND, as
   * on reads. A write to a name routed to a read-only store answers FAILED_PRECONDITION /
   * STORE_READ_ONLY.
   * </pre>
   */
  public static abstract class SecretsAdminServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return SecretsAdminServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service SecretsAdminService.
   * <pre>
   * Writes and listings. Every RPC needs an admin grant for the names it touches.
   * Errors carry google.rpc.ErrorInfo as on SecretsBrokerService. A stale
   * compare-and-set (expected_version or expected_etag that is not the current one)
   * answers ABORTED / CAS_MISMATCH with a google.rpc.PreconditionFailure: read again,
   * then retry. A name the caller may not write answers NOT_FOUND / SECRET_NOT_FOUND, as
   * on reads. A write to a name routed to a read-only store answers FAILED_PRECONDITION /
   * STORE_READ_ONLY.
   * </pre>
   */
  public static final class SecretsAdminServiceStub
      extends io.grpc.stub.AbstractAsyncStub<SecretsAdminServiceStub> {
    private SecretsAdminServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SecretsAdminServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SecretsAdminServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Writes a new version of a secret object (creating it if absent).
     * </pre>
     */
    public void putSecret(io.secretsbroker.v1.PutSecretRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.PutSecretResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getPutSecretMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes a secret object with all its versions.
     * </pre>
     */
    public void deleteSecret(io.secretsbroker.v1.DeleteSecretRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.DeleteSecretResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteSecretMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists secret names with their metadata, never their values.
     * </pre>
     */
    public void listSecrets(io.secretsbroker.v1.ListSecretsRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.ListSecretsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListSecretsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Imports secrets collections from a YAML document in the secretsCollections format.
     * </pre>
     */
    public void importCollections(io.secretsbroker.v1.ImportCollectionsRequest request,
        io.grpc.stub.StreamObserver<io.secretsbroker.v1.ImportCollectionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getImportCollectionsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service SecretsAdminService.
   * <pre>
   * Writes and listings. Every RPC needs an admin grant for the names it touches.
   * Errors carry google.rpc.ErrorInfo as on SecretsBrokerService. A stale
   * compare-and-set (expected_version or expected_etag that is not the current one)
   * answers ABORTED / CAS_MISMATCH with a google.rpc.PreconditionFailure: read again,
   * then retry. A name the caller may not write answers NOT_FOUND / SECRET_NOT_FOUND, as
   * on reads. A write to a name routed to a read-only store answers FAILED_PRECONDITION /
   * STORE_READ_ONLY.
   * </pre>
   */
  public static final class SecretsAdminServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<SecretsAdminServiceBlockingV2Stub> {
    private SecretsAdminServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SecretsAdminServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SecretsAdminServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Writes a new version of a secret object (creating it if absent).
     * </pre>
     */
    public io.secretsbroker.v1.PutSecretResponse putSecret(io.secretsbroker.v1.PutSecretRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getPutSecretMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a secret object with all its versions.
     * </pre>
     */
    public io.secretsbroker.v1.DeleteSecretResponse deleteSecret(io.secretsbroker.v1.DeleteSecretRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteSecretMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists secret names with their metadata, never their values.
     * </pre>
     */
    public io.secretsbroker.v1.ListSecretsResponse listSecrets(io.secretsbroker.v1.ListSecretsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListSecretsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Imports secrets collections from a YAML document in the secretsCollections format.
     * </pre>
     */
    public io.secretsbroker.v1.ImportCollectionsResponse importCollections(io.secretsbroker.v1.ImportCollectionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getImportCollectionsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service SecretsAdminService.
   * <pre>
   * Writes and listings. Every RPC needs an admin grant for the names it touches.
   * Errors carry google.rpc.ErrorInfo as on SecretsBrokerService. A stale
   * compare-and-set (expected_version or expected_etag that is not the current one)
   * answers ABORTED / CAS_MISMATCH with a google.rpc.PreconditionFailure: read again,
   * then retry. A name the caller may not write answers NOT_FOUND / SECRET_NOT_FOUND, as
   * on reads. A write to a name routed to a read-only store answers FAILED_PRECONDITION /
   * STORE_READ_ONLY.
   * </pre>
   */
  public static final class SecretsAdminServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<SecretsAdminServiceBlockingStub> {
    private SecretsAdminServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SecretsAdminServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SecretsAdminServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Writes a new version of a secret object (creating it if absent).
     * </pre>
     */
    public io.secretsbroker.v1.PutSecretResponse putSecret(io.secretsbroker.v1.PutSecretRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getPutSecretMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a secret object with all its versions.
     * </pre>
     */
    public io.secretsbroker.v1.DeleteSecretResponse deleteSecret(io.secretsbroker.v1.DeleteSecretRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteSecretMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists secret names with their metadata, never their values.
     * </pre>
     */
    public io.secretsbroker.v1.ListSecretsResponse listSecrets(io.secretsbroker.v1.ListSecretsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListSecretsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Imports secrets collections from a YAML document in the secretsCollections format.
     * </pre>
     */
    public io.secretsbroker.v1.ImportCollectionsResponse importCollections(io.secretsbroker.v1.ImportCollectionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getImportCollectionsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service SecretsAdminService.
   * <pre>
   * Writes and listings. Every RPC needs an admin grant for the names it touches.
   * Errors carry google.rpc.ErrorInfo as on SecretsBrokerService. A stale
   * compare-and-set (expected_version or expected_etag that is not the current one)
   * answers ABORTED / CAS_MISMATCH with a google.rpc.PreconditionFailure: read again,
   * then retry. A name the caller may not write answers NOT_FOUND / SECRET_NOT_FOUND, as
   * on reads. A write to a name routed to a read-only store answers FAILED_PRECONDITION /
   * STORE_READ_ONLY.
   * </pre>
   */
  public static final class SecretsAdminServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<SecretsAdminServiceFutureStub> {
    private SecretsAdminServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SecretsAdminServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SecretsAdminServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Writes a new version of a secret object (creating it if absent).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.secretsbroker.v1.PutSecretResponse> putSecret(
        io.secretsbroker.v1.PutSecretRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getPutSecretMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes a secret object with all its versions.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.secretsbroker.v1.DeleteSecretResponse> deleteSecret(
        io.secretsbroker.v1.DeleteSecretRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteSecretMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists secret names with their metadata, never their values.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.secretsbroker.v1.ListSecretsResponse> listSecrets(
        io.secretsbroker.v1.ListSecretsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListSecretsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Imports secrets collections from a YAML document in the secretsCollections format.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.secretsbroker.v1.ImportCollectionsResponse> importCollections(
        io.secretsbroker.v1.ImportCollectionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getImportCollectionsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_PUT_SECRET = 0;
  private static final int METHODID_DELETE_SECRET = 1;
  private static final int METHODID_LIST_SECRETS = 2;
  private static final int METHODID_IMPORT_COLLECTIONS = 3;

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
        case METHODID_PUT_SECRET:
          serviceImpl.putSecret((io.secretsbroker.v1.PutSecretRequest) request,
              (io.grpc.stub.StreamObserver<io.secretsbroker.v1.PutSecretResponse>) responseObserver);
          break;
        case METHODID_DELETE_SECRET:
          serviceImpl.deleteSecret((io.secretsbroker.v1.DeleteSecretRequest) request,
              (io.grpc.stub.StreamObserver<io.secretsbroker.v1.DeleteSecretResponse>) responseObserver);
          break;
        case METHODID_LIST_SECRETS:
          serviceImpl.listSecrets((io.secretsbroker.v1.ListSecretsRequest) request,
              (io.grpc.stub.StreamObserver<io.secretsbroker.v1.ListSecretsResponse>) responseObserver);
          break;
        case METHODID_IMPORT_COLLECTIONS:
          serviceImpl.importCollections((io.secretsbroker.v1.ImportCollectionsRequest) request,
              (io.grpc.stub.StreamObserver<io.secretsbroker.v1.ImportCollectionsResponse>) responseObserver);
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
          getPutSecretMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.secretsbroker.v1.PutSecretRequest,
              io.secretsbroker.v1.PutSecretResponse>(
                service, METHODID_PUT_SECRET)))
        .addMethod(
          getDeleteSecretMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.secretsbroker.v1.DeleteSecretRequest,
              io.secretsbroker.v1.DeleteSecretResponse>(
                service, METHODID_DELETE_SECRET)))
        .addMethod(
          getListSecretsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.secretsbroker.v1.ListSecretsRequest,
              io.secretsbroker.v1.ListSecretsResponse>(
                service, METHODID_LIST_SECRETS)))
        .addMethod(
          getImportCollectionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.secretsbroker.v1.ImportCollectionsRequest,
              io.secretsbroker.v1.ImportCollectionsResponse>(
                service, METHODID_IMPORT_COLLECTIONS)))
        .build();
  }

  private static abstract class SecretsAdminServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    SecretsAdminServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.secretsbroker.v1.AdminServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("SecretsAdminService");
    }
  }

  private static final class SecretsAdminServiceFileDescriptorSupplier
      extends SecretsAdminServiceBaseDescriptorSupplier {
    SecretsAdminServiceFileDescriptorSupplier() {}
  }

  private static final class SecretsAdminServiceMethodDescriptorSupplier
      extends SecretsAdminServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    SecretsAdminServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (SecretsAdminServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new SecretsAdminServiceFileDescriptorSupplier())
              .addMethod(getPutSecretMethod())
              .addMethod(getDeleteSecretMethod())
              .addMethod(getListSecretsMethod())
              .addMethod(getImportCollectionsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
