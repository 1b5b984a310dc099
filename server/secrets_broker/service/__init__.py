"""The only layer that knows protobuf: requests in, domain calls, responses out."""
