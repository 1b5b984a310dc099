// Package broker is the Go client of the secrets-broker gRPC service.
//
// It dials the broker over mutual TLS and reads secrets, user directories and
// access lists. Every call has a deadline (the caller's, else the client's
// default), retries UNAVAILABLE with jittered exponential backoff, and fails
// with an *Error built from the broker's google.rpc.ErrorInfo: match it with
// errors.Is(err, broker.ErrSecretNotFound) or read it with errors.As.
// Secret values are Values, which print as "***" (see Value).
package broker

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"

	"github.com/secrets-broker/secrets-broker/clients/go/secretsbrokerv1"
)

// Environment variables read by DialEnv (the admin CLI reads the same).
const (
	EnvAddress = "SECRETS_BROKER_ADDRESS"
	EnvCA      = "SECRETS_BROKER_CA"
	EnvCert    = "SECRETS_BROKER_CERT"
	EnvKey     = "SECRETS_BROKER_KEY"
	// DefaultAddress is DialEnv's address when SECRETS_BROKER_ADDRESS is unset.
	DefaultAddress = "127.0.0.1:50051"
	// DefaultTimeout bounds a call, retries included, whose context has no deadline.
	DefaultTimeout = 10 * time.Second
)

// TLSFiles names the PEM files of the caller's mutual-TLS identity.
type TLSFiles struct {
	CAFile   string // CA bundle that verifies the broker's certificate
	CertFile string // the caller's certificate (its identity at the broker)
	KeyFile  string // the caller's private key
}

// Client talks to one broker. It is safe for concurrent use.
type Client struct {
	conn    *grpc.ClientConn
	stub    secretsbrokerv1.SecretsBrokerServiceClient
	admin   secretsbrokerv1.SecretsAdminServiceClient
	opts    options
	closers []func() error // closed after the connection (a Workload API source)
}

type options struct {
	timeout time.Duration
	retry   RetryPolicy
	dial    []grpc.DialOption
}

// Option configures Dial and DialEnv.
type Option func(*options)

// WithTimeout sets the deadline of calls whose context has none (default 10 s).
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithRetry replaces DefaultRetryPolicy.
func WithRetry(p RetryPolicy) Option { return func(o *options) { o.retry = p } }

// WithDialOptions adds gRPC dial options (interceptors, keepalive...).
func WithDialOptions(opts ...grpc.DialOption) Option {
	return func(o *options) { o.dial = append(o.dial, opts...) }
}

// Dial prepares a client for the broker at address ("host:port") with the
// given mTLS identity. The certificate files are read now and a bad file is
// an error; the connection itself is made on the first RPC, so an unreachable
// broker shows up there as ErrUnavailable. ctx only cancels Dial itself.
func Dial(ctx context.Context, address string, tlsFiles TLSFiles, opts ...Option) (*Client, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o := options{timeout: DefaultTimeout, retry: DefaultRetryPolicy}
	for _, opt := range opts {
		opt(&o)
	}
	cfg, err := tlsFiles.config()
	if err != nil {
		return nil, err
	}
	return newClient(address, credentials.NewTLS(cfg), o)
}

func newClient(address string, creds credentials.TransportCredentials, o options) (*Client, error) {
	dial := append([]grpc.DialOption{grpc.WithTransportCredentials(creds)}, o.dial...)
	conn, err := grpc.NewClient(address, dial...)
	if err != nil {
		return nil, fmt.Errorf("broker: dial %s: %w", address, err)
	}
	return &Client{
		conn:  conn,
		stub:  secretsbrokerv1.NewSecretsBrokerServiceClient(conn),
		admin: secretsbrokerv1.NewSecretsAdminServiceClient(conn),
		opts:  o,
	}, nil
}

// DialEnv is Dial with SECRETS_BROKER_ADDRESS (default 127.0.0.1:50051),
// SECRETS_BROKER_CA, SECRETS_BROKER_CERT and SECRETS_BROKER_KEY.
func DialEnv(ctx context.Context, opts ...Option) (*Client, error) {
	files := TLSFiles{CAFile: os.Getenv(EnvCA), CertFile: os.Getenv(EnvCert), KeyFile: os.Getenv(EnvKey)}
	for _, v := range [][2]string{{EnvCA, files.CAFile}, {EnvCert, files.CertFile}, {EnvKey, files.KeyFile}} {
		if v[1] == "" {
			return nil, fmt.Errorf("broker: environment variable %s is not set", v[0])
		}
	}
	address := os.Getenv(EnvAddress)
	if address == "" {
		address = DefaultAddress
	}
	return Dial(ctx, address, files, opts...)
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

// invoke runs one RPC under the call's deadline with the client's retries;
// every error it returns is an *Error. Writes (idempotent false) are never retried.
func invoke[T any](ctx context.Context, c *Client, idempotent bool, call func(context.Context) (T, error)) (T, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.opts.timeout)
		defer cancel()
	}
	for attempt := 1; ; attempt++ {
		resp, err := call(ctx)
		if err == nil {
			return resp, nil
		}
		typed := wrapError(err).(*Error)
		if !idempotent || typed.Code != codes.Unavailable || attempt >= c.opts.retry.MaxAttempts {
			return resp, typed
		}
		wait := c.opts.retry.backoff(attempt, typed.RetryDelay)
		if deadline, _ := ctx.Deadline(); time.Until(deadline) <= wait {
			return resp, typed
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return resp, typed
		case <-timer.C:
		}
	}
}

// Stub gives the generated broker client, for what this wrapper does not cover.
// Its errors are plain gRPC statuses and its messages print secret values.
func (c *Client) Stub() secretsbrokerv1.SecretsBrokerServiceClient { return c.stub }

// Close releases the connection; the Client must not be used afterwards.
func (c *Client) Close() error {
	err := c.conn.Close()
	for _, closeFn := range c.closers {
		if cerr := closeFn(); err == nil {
			err = cerr
		}
	}
	return err
}
