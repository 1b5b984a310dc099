// Command workload-get reads one value of a secret, dialing the broker with an
// X.509-SVID from the SPIFFE Workload API (broker.DialWorkloadAPI):
//
//	go run ./cmd/workload-get -address localhost:50051 -socket unix:///run/spire/agent.sock \
//	    -broker-id spiffe://example.org/secrets-broker -name connectors/pg -key clearPassword
//
// It prints the value (this is an example: a real program would use it, not print it).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	broker "github.com/secrets-broker/secrets-broker/clients/go"
)

func main() {
	address := flag.String("address", "", "the broker's host:port")
	socket := flag.String("socket", "", "Workload API socket (default SPIFFE_ENDPOINT_SOCKET)")
	brokerID := flag.String("broker-id", "", "the broker's SPIFFE ID")
	spiffeID := flag.String("spiffe-id", "", "this workload's SVID, if the agent gives several")
	name := flag.String("name", "", "the secret's name")
	key := flag.String("key", "", "the value's key")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c, err := broker.DialWorkloadAPI(ctx, *address, broker.WorkloadAPI{
		Socket: *socket, BrokerID: *brokerID, SpiffeID: *spiffeID,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer c.Close()
	value, err := c.Value(ctx, *name, *key)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(value.Reveal())
}
