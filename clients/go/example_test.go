package broker_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	broker "github.com/secrets-broker/secrets-broker/clients/go"
)

// Connect with SECRETS_BROKER_ADDRESS/_CA/_CERT/_KEY (here: the `make run`
// dev broker's client certificate), read a secret, handle a missing one.
func Example() {
	ctx := context.Background()
	c, err := broker.DialEnv(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	secret, err := c.GetSecret(ctx, "demo/database")
	if err != nil {
		log.Fatal(err)
	}
	user, _ := secret.Reveal("userId")
	fmt.Println(user, secret.Values["clearPassword"]) // a Value prints as ***

	_, err = c.GetSecret(ctx, "demo/no-such-secret")
	fmt.Println(errors.Is(err, broker.ErrSecretNotFound))
	// Output:
	// demo ***
	// true
}
