package broker

import (
	"context"
	"fmt"

	"github.com/spiffe/go-spiffe/v2/spiffeid"
	"github.com/spiffe/go-spiffe/v2/spiffetls/tlsconfig"
	"github.com/spiffe/go-spiffe/v2/svid/x509svid"
	"github.com/spiffe/go-spiffe/v2/workloadapi"
	"google.golang.org/grpc/credentials"
)

// WorkloadAPI says where the SPIFFE Workload API is and which broker to accept.
type WorkloadAPI struct {
	// Socket is the agent's address, e.g. "unix:///run/spire/agent.sock";
	// empty: the SPIFFE_ENDPOINT_SOCKET environment variable.
	Socket string
	// BrokerID is the broker's SPIFFE ID: a server with another SVID is refused.
	BrokerID string
	// SpiffeID picks this workload's SVID when the agent gives several; empty:
	// the agent's default (first) SVID.
	SpiffeID string
}

// DialWorkloadAPI prepares a client that presents this workload's X.509-SVID
// from the SPIFFE Workload API (a SPIRE agent), no certificate files, and
// accepts only a broker whose SVID is w.BrokerID. The SVID and trust bundle
// follow rotations for the client's whole life (go-spiffe's X509Source); Close
// stops watching. ctx bounds waiting for the first SVID.
func DialWorkloadAPI(ctx context.Context, address string, w WorkloadAPI, opts ...Option) (*Client, error) {
	brokerID, err := spiffeid.FromString(w.BrokerID)
	if err != nil {
		return nil, fmt.Errorf("broker: BrokerID: %w", err)
	}
	var sourceOpts []workloadapi.X509SourceOption
	if w.Socket != "" {
		sourceOpts = append(sourceOpts, workloadapi.WithClientOptions(workloadapi.WithAddr(w.Socket)))
	}
	if w.SpiffeID != "" {
		own, err := spiffeid.FromString(w.SpiffeID)
		if err != nil {
			return nil, fmt.Errorf("broker: SpiffeID: %w", err)
		}
		sourceOpts = append(sourceOpts, workloadapi.WithDefaultX509SVIDPicker(pickSVID(own)))
	}
	source, err := workloadapi.NewX509Source(ctx, sourceOpts...)
	if err != nil {
		return nil, fmt.Errorf("broker: Workload API: %w", err)
	}
	o := options{timeout: DefaultTimeout, retry: DefaultRetryPolicy}
	for _, opt := range opts {
		opt(&o)
	}
	cfg := tlsconfig.MTLSClientConfig(source, source, tlsconfig.AuthorizeID(brokerID))
	c, err := newClient(address, credentials.NewTLS(cfg), o)
	if err != nil {
		_ = source.Close()
		return nil, err
	}
	c.closers = append(c.closers, source.Close)
	return c, nil
}

// pickSVID picks the SVID with this ID, else the first (the source then
// presents an SVID the broker does not expect, and the broker says so).
func pickSVID(id spiffeid.ID) func([]*x509svid.SVID) *x509svid.SVID {
	return func(svids []*x509svid.SVID) *x509svid.SVID {
		for _, svid := range svids {
			if svid.ID == id {
				return svid
			}
		}
		return svids[0]
	}
}
