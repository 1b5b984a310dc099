#!/usr/bin/env bash
# Regenerates the Python stubs (messages, gRPC stubs, mypy .pyi) from proto/.
# Reproducible: the same grpcio-tools and mypy-protobuf pins give byte-identical output.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-.venv/bin/python}
out=clients/python/src
rm -f "$out"/secretsbroker/v1/*_pb2*.py "$out"/secretsbroker/v1/*_pb2*.pyi
"$py" -m grpc_tools.protoc -Iproto -Ithird_party/proto \
  --python_out="$out" --grpc_python_out="$out" \
  --plugin=protoc-gen-mypy="$(dirname "$py")/protoc-gen-mypy" --mypy_out="$out" \
  --plugin=protoc-gen-mypy_grpc="$(dirname "$py")/protoc-gen-mypy_grpc" --mypy_grpc_out="$out" \
  proto/secretsbroker/v1/*.proto
