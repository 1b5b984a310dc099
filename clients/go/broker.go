// Package broker is a thin client for the secrets-broker gRPC service.
//
// It dials the broker over mutual TLS and reads secrets in one call; the
// generated stubs in package secretsbrokerv1 remain available for everything
// else (Client.Stub). Errors are returned as the RPC produced them, so
// status.Code(err) gives the broker's gRPC code (NotFound, InvalidArgument, ...).
package broker

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"

	"github.com/secrets-broker/secrets-broker/clients/go/secretsbrokerv1"
)

// TLSFiles names the PEM files of the caller's mutual-TLS identity.
type TLSFiles struct {
	CAFile   string // CA bundle that verifies the broker's certificate
	CertFile string // the caller's certificate (its identity at the broker)
	KeyFile  string // the caller's private key
}

// Client reads secrets from one broker. It is safe for concurrent use.
type Client struct {
	conn *grpc.ClientConn
	stub secretsbrokerv1.SecretsBrokerServiceClient
}

// Dial prepares a client for the broker at address ("host:port") with the
// given mTLS identity. The certificate files are read now and a bad file is
// an error; the connection itself is made on the first RPC, so an unreachable
// broker shows up there as codes.Unavailable. ctx only cancels Dial itself.
func Dial(ctx context.Context, address string, tlsFiles TLSFiles) (*Client, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cfg, err := tlsFiles.config()
	if err != nil {
		return nil, err
	}
	conn, err := grpc.NewClient(address, grpc.WithTransportCredentials(credentials.NewTLS(cfg)))
	if err != nil {
		return nil, fmt.Errorf("broker: dial %s: %w", address, err)
	}
	return &Client{conn: conn, stub: secretsbrokerv1.NewSecretsBrokerServiceClient(conn)}, nil
}

func (f TLSFiles) config() (*tls.Config, error) {
	caPEM, err := os.ReadFile(f.CAFile)
	if err != nil {
		return nil, fmt.Errorf("broker: CA file: %w", err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(caPEM) {
		return nil, fmt.Errorf("broker: CA file %s holds no PEM certificate", f.CAFile)
	}
	pair, err := tls.LoadX509KeyPair(f.CertFile, f.KeyFile)
	if err != nil {
		return nil, fmt.Errorf("broker: client certificate: %w", err)
	}
	// The broker refuses anything older than TLS 1.2; say so here too.
	return &tls.Config{
		MinVersion:   tls.VersionTLS12,
		RootCAs:      roots,
		Certificates: []tls.Certificate{pair},
	}, nil
}

// GetSecret returns the latest version of the named secret with all its values.
func (c *Client) GetSecret(ctx context.Context, name string) (*secretsbrokerv1.Secret, error) {
	resp, err := c.stub.GetSecret(ctx, &secretsbrokerv1.GetSecretRequest{Name: name})
	if err != nil {
		return nil, err
	}
	return resp.GetSecret(), nil
}

// Value returns one value of the latest version of the named secret. Only that
// key is requested, so the others never leave the broker. A secret without the
// key is codes.NotFound, like a missing secret.
func (c *Client) Value(ctx context.Context, name, key string) (string, error) {
	resp, err := c.stub.GetSecret(ctx, &secretsbrokerv1.GetSecretRequest{Name: name, Keys: []string{key}})
	if err != nil {
		return "", err
	}
	value, ok := resp.GetSecret().GetValues()[key]
	if !ok {
		return "", status.Errorf(codes.NotFound, "secret %q has no value %q", name, key)
	}
	return value, nil
}

// Stub gives the generated client for the RPCs this wrapper does not cover
// (BatchGetSecrets, GetUserDirectory, GetAccessList).
func (c *Client) Stub() secretsbrokerv1.SecretsBrokerServiceClient {
	return c.stub
}

// Close releases the connection; the Client must not be used afterwards.
func (c *Client) Close() error {
	return c.conn.Close()
}
