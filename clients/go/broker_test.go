package broker_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	broker "github.com/secrets-broker/secrets-broker/clients/go"
	"github.com/secrets-broker/secrets-broker/clients/go/secretsbrokerv1"
)

func dial(t *testing.T, who string, opts ...broker.Option) *broker.Client {
	t.Helper()
	c, err := broker.Dial(context.Background(), dev.address, dev.files(who), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), rpcTimeout)
	t.Cleanup(cancel)
	return ctx
}

// counting is an interceptor that counts the attempts a call makes.
func counting(n *atomic.Int32) broker.Option {
	return broker.WithDialOptions(grpc.WithUnaryInterceptor(
		func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
			n.Add(1)
			return invoker(ctx, method, req, reply, cc, opts...)
		}))
}

func TestGetSecret(t *testing.T) {
	ctx := testContext(t)
	secret, err := dial(t, "client").GetSecret(ctx, "demo/database")
	if err != nil {
		t.Fatalf("GetSecret(demo/database): %v", err)
	}
	if got, _ := secret.Reveal("userId"); got != "demo" {
		t.Errorf("userId = %q, want %q", got, "demo")
	}
	// The length only: a test log must not show a secret's value.
	if n := len(secret.Values["clearPassword"].Reveal()); n < 24 {
		t.Errorf("len(clearPassword) = %d, want >= 24", n)
	}
	if secret.Name != "demo/database" || secret.Version != 1 || secret.RefreshAfter != 10*time.Minute {
		t.Errorf("name %q version %d refresh %v, want demo/database, 1, 10m", secret.Name, secret.Version, secret.RefreshAfter)
	}
	plain := map[string]string{}
	for k, v := range secret.Values {
		plain[k] = v.Reveal()
	}
	if got := broker.CRC32C(plain); got != secret.DataCRC32C || got == 0 {
		t.Errorf("CRC32C(values) = %d, DataCRC32C = %d", got, secret.DataCRC32C)
	}

	older, err := dial(t, "client").GetSecret(ctx, "demo/database", broker.OnlyKeys("userId"), broker.AtVersion(1))
	if err != nil || len(older.Values) != 1 || older.DataCRC32C != secret.DataCRC32C {
		t.Errorf("OnlyKeys(userId) AtVersion(1): %v, %v; want one value and the full CRC", older, err)
	}
}

func TestValue(t *testing.T) {
	ctx := testContext(t)
	c := dial(t, "client")
	got, err := c.Value(ctx, "demo/database", "userId")
	if err != nil || got.Reveal() != "demo" {
		t.Errorf("Value(demo/database, userId) = %v, %v; want demo", got.Reveal(), err)
	}
	_, err = c.Value(ctx, "demo/database", "noSuchKey")
	if !errors.Is(err, broker.ErrNotFound) || errors.Is(err, broker.ErrSecretNotFound) {
		t.Errorf("Value(noSuchKey): %v, want ErrNotFound without the broker's reason", err)
	}
}

func TestTypedErrors(t *testing.T) {
	ctx := testContext(t)
	for _, tc := range []struct {
		who, name string
		is, isNot *broker.Kind
		code      codes.Code
		reason    string
		field     string
	}{
		{"client", "demo/no-such-secret", broker.ErrSecretNotFound, broker.ErrCollectionNotFound, codes.NotFound, "SECRET_NOT_FOUND", ""},
		{"client", "../x", broker.ErrNameInvalid, broker.ErrFieldInvalid, codes.InvalidArgument, "NAME_INVALID", "name"},
		{"client", "demo//x", broker.ErrInvalidArgument, broker.ErrNotFound, codes.InvalidArgument, "NAME_INVALID", "name"},
		// admin may read anything; "client" may not read outside demo/: as missing.
		{"client", "elsewhere/secret", broker.ErrNotFound, broker.ErrPermissionDenied, codes.NotFound, "SECRET_NOT_FOUND", ""},
	} {
		_, err := dial(t, tc.who).GetSecret(ctx, tc.name)
		var e *broker.Error
		if !errors.As(err, &e) {
			t.Fatalf("GetSecret(%q): %v is not a *broker.Error", tc.name, err)
		}
		if !errors.Is(err, tc.is) || errors.Is(err, tc.isNot) {
			t.Errorf("GetSecret(%q): %v; want Is(%v) and not Is(%v)", tc.name, err, tc.is, tc.isNot)
		}
		if e.Code != tc.code || e.Reason != tc.reason || e.Field != tc.field || !e.FromBroker() {
			t.Errorf("GetSecret(%q): code %v reason %q field %q, want %v %q %q", tc.name, e.Code, e.Reason, e.Field, tc.code, tc.reason, tc.field)
		}
		if status.Code(err) != tc.code {
			t.Errorf("status.Code(GetSecret(%q)) = %v, want %v", tc.name, status.Code(err), tc.code)
		}
	}

	_, err := dial(t, "client").PutSecret(ctx, &secretsbrokerv1.PutSecretRequest{Name: "demo/x", Values: map[string]string{"k": "v"}})
	if !errors.Is(err, broker.ErrRPCNotGranted) {
		t.Errorf("PutSecret as client: %v, want ErrRPCNotGranted", err)
	}
	stale := int64(99)
	_, err = dial(t, "admin").PutSecret(ctx, &secretsbrokerv1.PutSecretRequest{
		Name: "demo/database", Values: map[string]string{"userId": "never"}, ExpectedVersion: &stale,
	})
	if !errors.Is(err, broker.ErrCasMismatch) {
		t.Errorf("stale PutSecret: %v, want ErrCasMismatch", err)
	}
}

func TestBatchGetSecrets(t *testing.T) {
	results, err := dial(t, "client").BatchGetSecrets(testContext(t), []string{"demo/database", "demo/missing", "a//b"})
	if err != nil || len(results) != 3 {
		t.Fatalf("BatchGetSecrets: %d results, %v", len(results), err)
	}
	if results[0].Secret == nil || results[0].Secret.Version != 1 || results[0].Err != nil {
		t.Errorf("item 0: %v %v, want the secret", results[0].Secret, results[0].Err)
	}
	if !errors.Is(results[1].Err, broker.ErrSecretNotFound) || results[1].Secret != nil {
		t.Errorf("item 1: %v, want ErrSecretNotFound", results[1].Err)
	}
	var e *broker.Error
	if !errors.As(results[2].Err, &e) || e.Reason != "NAME_INVALID" || e.Field != "names[2]" {
		t.Errorf("item 2: %v, want NAME_INVALID on names[2]", results[2].Err)
	}
}

// A value must not show however the secret, its values or a batch item is printed.
func TestValuesNeverPrint(t *testing.T) {
	ctx := testContext(t)
	c := dial(t, "client")
	secret, err := c.GetSecret(ctx, "demo/database")
	if err != nil {
		t.Fatal(err)
	}
	password := secret.Values["clearPassword"]
	canary := password.Reveal()
	results, err := c.BatchGetSecrets(ctx, []string{"demo/database"})
	if err != nil {
		t.Fatal(err)
	}
	jsonText, err := json.Marshal(secret)
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("read", "secret", secret, "password", password)
	slog.New(slog.NewTextHandler(&logged, nil)).Info("read", "values", secret.Values)
	printed := []string{
		fmt.Sprint(password), fmt.Sprintf("%s|%v|%+v|%#v|%q|%x|%X|%d", password, password, password, password, password, password, password, password),
		fmt.Sprintf("%v|%+v|%#v|%s", secret, secret, secret, secret),
		fmt.Sprintf("%v|%+v|%#v", *secret, *secret, *secret),
		fmt.Sprintf("%v|%+v|%#v", secret.Values, secret.Values, secret.Values),
		fmt.Sprintf("%v|%+v", results, results[0]),
		string(jsonText), logged.String(), password.String(), password.GoString(),
	}
	for _, text := range printed {
		if strings.Contains(text, canary) {
			t.Fatalf("a printed form shows the value: %d characters, contains it", len(text))
		}
	}
	if got := fmt.Sprintf("%s %v %q", password, password, password); got != "*** *** ***" {
		t.Errorf("printed Value = %q, want *** *** ***", got)
	}
	// The raw message is the explicit way out, and protobuf-go prints it in full.
	if !strings.Contains(fmt.Sprint(secret.Proto()), canary) {
		t.Errorf("Proto() lost the value")
	}
}

func TestRetriesUnavailableOnly(t *testing.T) {
	// A port that was free a moment ago: connections to it are refused.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	_ = l.Close()

	var attempts atomic.Int32
	policy := broker.RetryPolicy{MaxAttempts: 3, InitialBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, Multiplier: 2}
	c, err := broker.Dial(context.Background(), closed, dev.files("client"), broker.WithRetry(policy), counting(&attempts))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.GetSecret(testContext(t), "demo/database")
	var e *broker.Error
	if !errors.As(err, &e) || !errors.Is(err, broker.ErrUnavailable) || e.FromBroker() {
		t.Fatalf("GetSecret on a closed port: %v, want ErrUnavailable from gRPC itself", err)
	}
	if n := attempts.Load(); n != 3 {
		t.Errorf("attempts on UNAVAILABLE = %d, want 3", n)
	}

	// Writes are not retried: a lost answer would apply them twice.
	attempts.Store(0)
	_, err = c.PutSecret(testContext(t), &secretsbrokerv1.PutSecretRequest{Name: "demo/x", Values: map[string]string{"k": "v"}})
	if !errors.Is(err, broker.ErrUnavailable) || attempts.Load() != 1 {
		t.Errorf("PutSecret on a closed port: %v after %d attempts, want ErrUnavailable after 1", err, attempts.Load())
	}

	// Other codes are answers, not outages: one attempt.
	var real atomic.Int32
	live := dial(t, "client", broker.WithRetry(policy), counting(&real))
	if _, err := live.GetSecret(testContext(t), "demo/no-such-secret"); !errors.Is(err, broker.ErrSecretNotFound) || real.Load() != 1 {
		t.Errorf("NOT_FOUND: %v after %d attempts, want ErrSecretNotFound after 1", err, real.Load())
	}
}

func TestDefaultDeadline(t *testing.T) {
	// Accepts TCP connections and never answers the TLS handshake.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			defer conn.Close()
		}
	}()
	c, err := broker.Dial(context.Background(), l.Addr().String(), dev.files("client"), broker.WithTimeout(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.GetSecret(context.Background(), "demo/database") // no deadline of its own
	if !errors.Is(err, broker.ErrDeadlineExceeded) {
		t.Errorf("GetSecret to a silent server: %v, want ErrDeadlineExceeded", err)
	}
}

func TestUserDirectoryHidesCredentials(t *testing.T) {
	ctx := testContext(t)
	page, err := dial(t, "admin").GetUserDirectory(ctx, &secretsbrokerv1.GetUserDirectoryRequest{
		Collection: "demo/coco-pharmaceuticals", UserIds: []string{"erinoverview"}, IncludeCredentials: true,
	})
	if err != nil || len(page.Users) != 1 {
		t.Fatalf("GetUserDirectory: %v, %v", page, err)
	}
	user := page.Users[0]
	password := user.Credentials["clearPassword"].Reveal()
	if password != "erin-demo-password" || user.Account.GetUserId() != "erinoverview" {
		t.Errorf("user %q, credential of %d characters", user.Account.GetUserId(), len(password))
	}
	if text := fmt.Sprintf("%v %+v %v", user, user.Account, page.Users); strings.Contains(text, password) {
		t.Errorf("a printed user shows its credentials")
	}
}

func TestDialEnvNamesTheMissingVariable(t *testing.T) {
	t.Setenv(broker.EnvKey, "")
	_, err := broker.DialEnv(context.Background())
	if err == nil || !strings.Contains(err.Error(), broker.EnvKey) {
		t.Errorf("DialEnv without %s: %v", broker.EnvKey, err)
	}
}
