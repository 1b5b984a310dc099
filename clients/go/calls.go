package broker

import (
	"context"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"

	"github.com/secrets-broker/secrets-broker/clients/go/secretsbrokerv1"
)

// ReadOption narrows GetSecret.
type ReadOption func(*secretsbrokerv1.GetSecretRequest)

// AtVersion reads that version instead of the latest.
func AtVersion(v int64) ReadOption {
	return func(r *secretsbrokerv1.GetSecretRequest) { r.Version = v }
}

// OnlyKeys returns only these values (the others never leave the broker).
func OnlyKeys(keys ...string) ReadOption {
	return func(r *secretsbrokerv1.GetSecretRequest) { r.Keys = append(r.Keys, keys...) }
}

// GetSecret reads one secret: the latest version with every value, unless
// narrowed. When every value was asked for, their CRC32C is checked here and a
// mismatch is ErrDataCorrupt.
func (c *Client) GetSecret(ctx context.Context, name string, opts ...ReadOption) (*Secret, error) {
	req := &secretsbrokerv1.GetSecretRequest{Name: name}
	for _, opt := range opts {
		opt(req)
	}
	resp, err := invoke(ctx, c, true, func(ctx context.Context) (*secretsbrokerv1.GetSecretResponse, error) {
		return c.stub.GetSecret(ctx, req)
	})
	if err != nil {
		return nil, err
	}
	return secretFromProto(resp.GetSecret(), len(req.Keys) == 0)
}

// Value returns one value of the latest version of the named secret. Only that
// key is requested. A secret without the key is ErrNotFound (with no reason:
// the broker found the secret).
func (c *Client) Value(ctx context.Context, name, key string) (Value, error) {
	secret, err := c.GetSecret(ctx, name, OnlyKeys(key))
	if err != nil {
		return Value{}, err
	}
	value, ok := secret.Values[key]
	if !ok {
		return Value{}, &Error{Code: codes.NotFound, Message: fmt.Sprintf("secret %q has no value %q", name, key)}
	}
	return value, nil
}

// BatchResult is one name's outcome in BatchGetSecrets: Secret or Err is set.
type BatchResult struct {
	Name   string
	Secret *Secret
	Err    error // an *Error
	proto  *secretsbrokerv1.BatchGetSecretsResult
}

// Proto is the result as received (printing it shows values).
func (r BatchResult) Proto() *secretsbrokerv1.BatchGetSecretsResult { return r.proto }

// BatchGetSecrets reads up to 100 secrets; each name gets its own result, in
// order, so a missing or malformed name fails only its own item.
func (c *Client) BatchGetSecrets(ctx context.Context, names []string, keys ...string) ([]BatchResult, error) {
	req := &secretsbrokerv1.BatchGetSecretsRequest{Names: names, Keys: keys}
	resp, err := invoke(ctx, c, true, func(ctx context.Context) (*secretsbrokerv1.BatchGetSecretsResponse, error) {
		return c.stub.BatchGetSecrets(ctx, req)
	})
	if err != nil {
		return nil, err
	}
	results := make([]BatchResult, 0, len(resp.GetResults()))
	for _, item := range resp.GetResults() {
		r := BatchResult{Name: item.GetName(), proto: item}
		if s := item.GetSecret(); s != nil {
			if secret, err := secretFromProto(s, len(keys) == 0); err != nil {
				r.Err = err
			} else {
				r.Secret = secret
			}
		} else {
			r.Err = errorFromProto(item.GetError())
		}
		results = append(results, r)
	}
	return results, nil
}

// User is a user account. Account is the message without its credentials,
// which are in Credentials as Values (printing neither shows them).
type User struct {
	Account     *secretsbrokerv1.UserAccount
	Credentials map[string]Value
}

// UserPage is one page of GetUserDirectory.
type UserPage struct {
	Users         []User
	NextPageToken string // pass as PageToken for the next page; "" on the last
	TotalSize     int32
	proto         *secretsbrokerv1.GetUserDirectoryResponse
}

// Proto is the response as received (printing it shows credentials).
func (p *UserPage) Proto() *secretsbrokerv1.GetUserDirectoryResponse { return p.proto }

// GetUserDirectory returns one page of a collection's users.
func (c *Client) GetUserDirectory(ctx context.Context, req *secretsbrokerv1.GetUserDirectoryRequest) (*UserPage, error) {
	resp, err := invoke(ctx, c, true, func(ctx context.Context) (*secretsbrokerv1.GetUserDirectoryResponse, error) {
		return c.stub.GetUserDirectory(ctx, req)
	})
	if err != nil {
		return nil, err
	}
	page := &UserPage{NextPageToken: resp.GetNextPageToken(), TotalSize: resp.GetTotalSize(), proto: resp}
	for _, account := range resp.GetUsers() {
		creds := make(map[string]Value, len(account.GetCredentials()))
		for k, v := range account.GetCredentials() {
			creds[k] = Value{v}
		}
		bare := proto.Clone(account).(*secretsbrokerv1.UserAccount)
		bare.Credentials = nil
		page.Users = append(page.Users, User{Account: bare, Credentials: creds})
	}
	return page, nil
}

// GetAccessList returns a named list or an access control, resolved on request.
func (c *Client) GetAccessList(ctx context.Context, req *secretsbrokerv1.GetAccessListRequest) (*secretsbrokerv1.GetAccessListResponse, error) {
	return invoke(ctx, c, true, func(ctx context.Context) (*secretsbrokerv1.GetAccessListResponse, error) {
		return c.stub.GetAccessList(ctx, req)
	})
}

// PutSecret writes a new version (admin grant needed). A stale
// expected_version or expected_etag is ErrCasMismatch. Not retried.
func (c *Client) PutSecret(ctx context.Context, req *secretsbrokerv1.PutSecretRequest) (*secretsbrokerv1.SecretMetadata, error) {
	resp, err := invoke(ctx, c, false, func(ctx context.Context) (*secretsbrokerv1.PutSecretResponse, error) {
		return c.admin.PutSecret(ctx, req)
	})
	if err != nil {
		return nil, err
	}
	return resp.GetMetadata(), nil
}

// DeleteSecret deletes a secret with all its versions (admin grant needed).
// expectedEtag "" means unconditionally. Not retried.
func (c *Client) DeleteSecret(ctx context.Context, name, expectedEtag string) error {
	req := &secretsbrokerv1.DeleteSecretRequest{Name: name, ExpectedEtag: expectedEtag}
	_, err := invoke(ctx, c, false, func(ctx context.Context) (*secretsbrokerv1.DeleteSecretResponse, error) {
		return c.admin.DeleteSecret(ctx, req)
	})
	return err
}

// ListSecrets returns one page of secret metadata, never values (admin grant needed).
func (c *Client) ListSecrets(ctx context.Context, req *secretsbrokerv1.ListSecretsRequest) (*secretsbrokerv1.ListSecretsResponse, error) {
	return invoke(ctx, c, true, func(ctx context.Context) (*secretsbrokerv1.ListSecretsResponse, error) {
		return c.admin.ListSecrets(ctx, req)
	})
}
