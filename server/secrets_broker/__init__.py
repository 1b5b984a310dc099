"""secrets-broker: one mTLS gRPC service in front of pluggable secret stores."""

__version__ = "0.1.0"
