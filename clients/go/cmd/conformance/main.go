// Command conformance is the Go runner of the client conformance vectors
// (tests/conformance/clients in the repository).
//
//	SB_CONFORMANCE_ADDRESS=host:port SB_CONFORMANCE_TLS_DIR=dir \
//	SB_CONFORMANCE_VECTORS=vectors.json go run ./cmd/conformance
//
// Each vector is one call through the broker package's API as the identity it
// names (TLS_DIR/ca.pem, <as>.pem, <as>-key.pem). The response is printed as
// proto3 JSON and matched against the vector's pattern; an error must be a
// *broker.Error with the expected code and reason (transport: that code and no
// ErrorInfo). Prints failing vectors, then "conformance go: P/N passed"; exits
// 0 only if all passed.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	broker "github.com/secrets-broker/secrets-broker/clients/go"
	pb "github.com/secrets-broker/secrets-broker/clients/go/secretsbrokerv1"
)

type expectedError struct {
	Code      string `json:"code"`
	Reason    string `json:"reason"`
	Transport bool   `json:"transport"`
}

type vector struct {
	ID      string          `json:"id"`
	As      string          `json:"as"`
	RPC     string          `json:"rpc"`
	Request json.RawMessage `json:"request"`
	Expect  struct {
		Response json.RawMessage `json:"response"`
		Error    *expectedError  `json:"error"`
	} `json:"expect"`
}

type call func(context.Context, *broker.Client, []byte) (proto.Message, error)

var rpcs = map[string]call{
	"GetSecret": func(ctx context.Context, c *broker.Client, raw []byte) (proto.Message, error) {
		req := &pb.GetSecretRequest{}
		if err := protojson.Unmarshal(raw, req); err != nil {
			return nil, err
		}
		s, err := c.GetSecret(ctx, req.GetName(), broker.AtVersion(req.GetVersion()), broker.OnlyKeys(req.GetKeys()...))
		if err != nil {
			return nil, err
		}
		return &pb.GetSecretResponse{Secret: s.Proto()}, nil
	},
	"BatchGetSecrets": func(ctx context.Context, c *broker.Client, raw []byte) (proto.Message, error) {
		req := &pb.BatchGetSecretsRequest{}
		if err := protojson.Unmarshal(raw, req); err != nil {
			return nil, err
		}
		results, err := c.BatchGetSecrets(ctx, req.GetNames(), req.GetKeys()...)
		if err != nil {
			return nil, err
		}
		resp := &pb.BatchGetSecretsResponse{}
		for _, r := range results {
			resp.Results = append(resp.Results, r.Proto())
		}
		return resp, nil
	},
	"GetUserDirectory": func(ctx context.Context, c *broker.Client, raw []byte) (proto.Message, error) {
		req := &pb.GetUserDirectoryRequest{}
		if err := protojson.Unmarshal(raw, req); err != nil {
			return nil, err
		}
		page, err := c.GetUserDirectory(ctx, req)
		if err != nil {
			return nil, err
		}
		return page.Proto(), nil
	},
	"GetAccessList": func(ctx context.Context, c *broker.Client, raw []byte) (proto.Message, error) {
		req := &pb.GetAccessListRequest{}
		if err := protojson.Unmarshal(raw, req); err != nil {
			return nil, err
		}
		return c.GetAccessList(ctx, req)
	},
	"PutSecret": func(ctx context.Context, c *broker.Client, raw []byte) (proto.Message, error) {
		req := &pb.PutSecretRequest{}
		if err := protojson.Unmarshal(raw, req); err != nil {
			return nil, err
		}
		meta, err := c.PutSecret(ctx, req)
		if err != nil {
			return nil, err
		}
		return &pb.PutSecretResponse{Metadata: meta}, nil
	},
	"ListSecrets": func(ctx context.Context, c *broker.Client, raw []byte) (proto.Message, error) {
		req := &pb.ListSecretsRequest{}
		if err := protojson.Unmarshal(raw, req); err != nil {
			return nil, err
		}
		return c.ListSecrets(ctx, req)
	},
}

// run says why the vector failed, or "" if it passed.
func run(ctx context.Context, c *broker.Client, v vector) string {
	rpc, ok := rpcs[v.RPC]
	if !ok {
		return fmt.Sprintf("unknown rpc %q", v.RPC)
	}
	resp, err := rpc(ctx, c, v.Request)
	if err != nil {
		var typed *broker.Error
		if !errors.As(err, &typed) {
			return fmt.Sprintf("error is not a *broker.Error: %v", err)
		}
		if v.Expect.Error == nil {
			return fmt.Sprintf("expected a response, got %v", err)
		}
		return checkError(*v.Expect.Error, typed)
	}
	text, err := protojson.Marshal(resp)
	if err != nil {
		return fmt.Sprintf("cannot print the response: %v", err)
	}
	if v.Expect.Error != nil {
		return fmt.Sprintf("expected error %+v, got response %s", *v.Expect.Error, text)
	}
	var actual, pattern any
	if err := json.Unmarshal(text, &actual); err != nil {
		return err.Error()
	}
	if err := json.Unmarshal(v.Expect.Response, &pattern); err != nil {
		return fmt.Sprintf("bad pattern: %v", err)
	}
	return match(pattern, actual, "$")
}

func checkError(want expectedError, got *broker.Error) string {
	desc := fmt.Sprintf("%s %q (%s)", codeName(got.Code), got.Reason, got.Message)
	switch {
	case codeName(got.Code) != want.Code:
		return fmt.Sprintf("expected error %s, got %s", want.Code, desc)
	case want.Transport && got.FromBroker():
		return fmt.Sprintf("expected a status without ErrorInfo, got %s", desc)
	case !want.Transport && got.Reason != want.Reason:
		return fmt.Sprintf("expected reason %s, got %s", want.Reason, desc)
	}
	return ""
}

type clients struct {
	address, tlsDir string
	byIdentity      map[string]*broker.Client
}

func (cs *clients) get(who string) (*broker.Client, error) {
	if c, ok := cs.byIdentity[who]; ok {
		return c, nil
	}
	files := broker.TLSFiles{
		CAFile:   filepath.Join(cs.tlsDir, "ca.pem"),
		CertFile: filepath.Join(cs.tlsDir, who+".pem"),
		KeyFile:  filepath.Join(cs.tlsDir, who+"-key.pem"),
	}
	retry := broker.DefaultRetryPolicy
	retry.MaxAttempts = 2
	c, err := broker.Dial(context.Background(), cs.address, files, broker.WithRetry(retry))
	if err != nil {
		return nil, err
	}
	cs.byIdentity[who] = c
	return c, nil
}

func main() {
	os.Exit(mainCode())
}

func mainCode() int {
	address, tlsDir, path := os.Getenv("SB_CONFORMANCE_ADDRESS"), os.Getenv("SB_CONFORMANCE_TLS_DIR"), os.Getenv("SB_CONFORMANCE_VECTORS")
	if address == "" || tlsDir == "" || path == "" {
		fmt.Fprintln(os.Stderr, "conformance go: set SB_CONFORMANCE_ADDRESS, SB_CONFORMANCE_TLS_DIR and SB_CONFORMANCE_VECTORS")
		return 2
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance go:", err)
		return 2
	}
	var file struct {
		Vectors []vector `json:"vectors"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		fmt.Fprintln(os.Stderr, "conformance go: vectors:", err)
		return 2
	}
	cs := &clients{address: address, tlsDir: tlsDir, byIdentity: map[string]*broker.Client{}}
	defer func() {
		for _, c := range cs.byIdentity {
			_ = c.Close()
		}
	}()
	passed := 0
	for _, v := range file.Vectors {
		why := ""
		if c, err := cs.get(v.As); err != nil {
			why = fmt.Sprintf("identity %q: %v", v.As, err)
		} else {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			why = run(ctx, c, v)
			cancel()
		}
		if why == "" {
			passed++
		} else {
			fmt.Printf("FAIL %s: %s\n", v.ID, why)
		}
	}
	fmt.Printf("conformance go: %d/%d passed\n", passed, len(file.Vectors))
	if passed != len(file.Vectors) {
		return 1
	}
	return 0
}
