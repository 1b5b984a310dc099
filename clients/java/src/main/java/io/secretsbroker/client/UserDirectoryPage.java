package io.secretsbroker.client;

import com.google.protobuf.DebugFormat;
import io.secretsbroker.v1.GetUserDirectoryResponse;
import io.secretsbroker.v1.UserAccount;
import java.util.List;

/**
 * One page of GetUserDirectory. Its toString redacts credentials (the fields marked
 * {@code debug_redact} in the contract); protobuf-java's own toString does not.
 */
public final class UserDirectoryPage {
  private final GetUserDirectoryResponse proto;

  public UserDirectoryPage(GetUserDirectoryResponse proto) {
    this.proto = proto;
  }

  public List<UserAccount> users() {
    return proto.getUsersList();
  }

  /** Pass as page_token for the next page; empty on the last page. */
  public String nextPageToken() {
    return proto.getNextPageToken();
  }

  /** Users matching the request across all pages. */
  public int totalSize() {
    return proto.getTotalSize();
  }

  /** The message itself. Its own toString prints credentials: do not log it. */
  public GetUserDirectoryResponse toProto() {
    return proto;
  }

  @Override
  public String toString() {
    return "UserDirectoryPage{" + DebugFormat.singleLine().toString(proto) + "}";
  }
}
