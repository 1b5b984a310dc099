"""Generated protobuf and gRPC code for secretsbroker.v1 (do not edit; run tools/gen-python.sh)."""
