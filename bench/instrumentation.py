"""Micro-benchmark: what the observability code adds to one RPC, piece by piece.

Times each piece in this process (timeit, best of --repeat runs of --number calls) and
the sum a cache hit pays with the default config (tracing exporter none, text logs, one
RPC line at INFO), next to the OpenTelemetry SDK's own synchronous instruments for
comparison. Writes bench/results/instrumentation-<UTC time>.json.

    .venv/bin/python bench/instrumentation.py [--number 20000] [--repeat 7]
"""

import argparse
import json
import os
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "server"), str(ROOT / "clients/python/src")]

import grpc  # noqa: E402
from opentelemetry.sdk.metrics import MeterProvider  # noqa: E402
from opentelemetry.sdk.metrics.export import InMemoryMetricReader  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF  # noqa: E402
from opentelemetry.trace import NoOpTracer, SpanKind  # noqa: E402

from secrets_broker.api.observe import RpcMetrics, caller_trace  # noqa: E402
from secrets_broker.metrics import Registry, begin_call, end_call, note_cache  # noqa: E402
from secrets_broker.ops.logsetup import setup_logging  # noqa: E402

# What a grpc-go or grpcio client sends with a call (no traceparent).
METADATA = (
    ("user-agent", "grpc-go/1.70.0"),
    ("content-type", "application/grpc"),
    ("grpc-accept-encoding", "identity,deflate,gzip"),
)


class Context:
    """Stands for grpc.aio's servicer context: only invocation_metadata is used."""

    def __init__(self, metadata: tuple[tuple[str, str], ...]) -> None:
        self._metadata = metadata

    def invocation_metadata(self) -> tuple[tuple[str, str], ...]:
        return self._metadata


def best_us(fn: Callable[[], Any], number: int, repeat: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6


def cpu_us(fn: Callable[[], Any], handler: Any, repeat: int, number: int = 2000) -> float:
    """Process CPU (every thread) per call of ``fn``, the log writer's queue drained."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for _ in range(number):
            fn()
        while not handler.queue.empty():
            time.sleep(0.001)
        time.sleep(0.005)  # the last line's write
        best = min(best, time.process_time() - started)
    return best / number * 1e6


def span_cost(tracer: Any) -> Callable[[], None]:
    attributes = {"rpc.system": "grpc", "rpc.service": "s", "rpc.method": "GetSecret"}

    def run() -> None:
        with tracer.start_as_current_span(
            "secretsbroker.v1/GetSecret",
            kind=SpanKind.SERVER,
            attributes=attributes,
            record_exception=False,
            set_status_on_exception=False,
        ) as span:
            span.set_attribute("enduser.id", "spiffe://bench/client")
            span.set_attribute("rpc.grpc.status_code", 0)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--number", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    n, r = args.number, args.repeat
    calls = RpcMetrics(Registry())
    started = time.perf_counter()
    ok = grpc.StatusCode.OK

    def finish() -> None:
        calls.finish("GetSecret", ok, "", "spiffe://bench/client", started, "hit")

    def call_note() -> None:
        _, token = begin_call()
        note_cache("hit")
        end_call(token)

    plain, traced = (
        Context(METADATA),
        Context((*METADATA, ("traceparent", "00-" + "ab" * 16 + "-" + "cd" * 8 + "-01"))),
    )
    results: dict[str, float] = {}
    setup_logging("WARNING")  # RPC lines off: the metric alone
    results["finish_metric_only"] = best_us(finish, n, r)
    for fmt in ("text", "json"):
        handler = setup_logging("INFO", fmt)
        # The loop's share (the line handed to the queue), then all threads' CPU with
        # the writer's formatting and write (to /dev/null) included.
        results[f"finish_with_{fmt}_log_line_loop"] = best_us(finish, n, r)
        results[f"finish_with_{fmt}_log_line_cpu"] = cpu_us(finish, handler, r)
        assert handler.dropped == 0
    results["call_note_and_cache_outcome"] = best_us(call_note, n, r)
    results["perf_counter_x2"] = best_us(lambda: (time.perf_counter(), time.perf_counter()), n, r)
    results["caller_trace_absent"] = best_us(lambda: caller_trace(plain), n, r)
    results["caller_trace_present"] = best_us(lambda: caller_trace(traced), n, r)
    results["span_api_noop_before"] = best_us(span_cost(NoOpTracer()), n, r)
    off = TracerProvider(sampler=ALWAYS_OFF).get_tracer("bench")
    results["span_sdk_sampled_out_now"] = best_us(span_cost(off), n, r)
    # For comparison: the SDK's synchronous instruments, attributes prebuilt.
    meter = MeterProvider(metric_readers=[InMemoryMetricReader()]).get_meter("bench")
    histogram, counter = meter.create_histogram("h", unit="s"), meter.create_counter("c")
    attributes = {"method": "GetSecret", "code": "OK"}
    results["sdk_histogram_record"] = best_us(lambda: histogram.record(0.001, attributes), n, r)
    results["sdk_counter_add"] = best_us(lambda: counter.add(1, attributes), n, r)
    base = (
        results["call_note_and_cache_outcome"]
        + results["perf_counter_x2"]
        + results["caller_trace_absent"]
        + results["span_sdk_sampled_out_now"]
        - results["span_api_noop_before"]
    )
    summary = {
        "benchmark": "per-RPC cost of the observability code, in microseconds (best of runs)",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                    "load_average": os.getloadavg()},
        "runs": {"number": n, "repeat": r},
        "pieces_us": {k: round(v, 3) for k, v in results.items()},
        "per_hit_us": {
            "log_lines_off": round(base + results["finish_metric_only"], 2),
            "text_log_line_cpu": round(base + results["finish_with_text_log_line_cpu"], 2),
            "json_log_line_cpu": round(base + results["finish_with_json_log_line_cpu"], 2),
        },
    }  # fmt: skip
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench/results" / f"instrumentation-{summary['when_utc'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
