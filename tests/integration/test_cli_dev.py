"""`secrets-broker dev` as a user runs it: a subprocess, grpcurl, grpc-health-probe, the CLI."""

import json
import os
import shlex
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from google.protobuf import descriptor_pb2
from grpc_reflection.v1alpha import reflection_pb2
from prometheus_client.parser import text_string_to_metric_families

from secrets_broker.domain.crypto import create_master_key
from tests.tools import env_with_tools, tool

CLI = [sys.executable, "-m", "secrets_broker.ops.cli"]


class DevBroker:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        env = {**env_with_tools(), "PYTHONPATH": os.pathsep.join(sys.path)}
        self.env = env
        # The log goes to a file: a pipe nobody reads would stall the broker once full.
        data_dir.mkdir(parents=True, exist_ok=True)
        self.log_file = data_dir / "broker.log"
        with self.log_file.open("wb") as log:
            self.proc = subprocess.Popen(
                [*CLI, "dev", "--data-dir", str(data_dir), "--port", "0"],
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env=env,
            )
        assert self.proc.stdout is not None
        first = self.proc.stdout.readline()
        assert first.startswith("listening on 127.0.0.1:"), first + self.log_file.read_text()
        self.address = first.split()[-1]
        self.grpcurl_line = self.proc.stdout.readline()
        self.audit_line = self.proc.stdout.readline()
        self.metrics_line = self.proc.stdout.readline()

    def cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*CLI, *args, "--address", self.address, "--dev-dir", str(self.data_dir)],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=60,
        )

    def tls(self, who: str = "client") -> list[str]:
        d = self.data_dir / "tls"
        return [
            "-cacert",
            str(d / "ca.pem"),
            "-cert",
            str(d / f"{who}.pem"),
            "-key",
            str(d / f"{who}-key.pem"),
        ]


@pytest.fixture(scope="module")
def dev(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevBroker]:
    broker = DevBroker(tmp_path_factory.mktemp("dev"))
    yield broker
    if broker.proc.poll() is None:
        broker.proc.kill()
        broker.proc.wait()


def test_printed_grpcurl_command_returns_the_demo_secret(dev: DevBroker) -> None:
    assert dev.grpcurl_line.startswith("grpcurl -cacert ")
    argv = shlex.split(dev.grpcurl_line)
    argv[0] = tool("grpcurl")
    out = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True).stdout
    secret = json.loads(out)["secret"]
    assert secret["name"] == "demo/database" and secret["version"] == "1"
    assert secret["values"]["userId"] == "demo" and len(secret["values"]["clearPassword"]) >= 24


def test_the_prometheus_endpoint_counts_the_calls(dev: DevBroker) -> None:
    """The printed metrics URL, scraped over HTTP, after the printed grpcurl call."""
    assert dev.metrics_line.startswith("metrics on http://127.0.0.1:"), dev.metrics_line
    url = dev.metrics_line.split()[-1]
    assert url.endswith("/metrics") and not url.startswith(f"http://{dev.address}/")
    argv = shlex.split(dev.grpcurl_line)
    argv[0] = tool("grpcurl")
    out = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True).stdout
    password = json.loads(out)["secret"]["values"]["clearPassword"]

    with urllib.request.urlopen(url, timeout=30) as reply:  # noqa: S310 -- our own http URL
        assert reply.headers["Content-Type"].startswith("text/plain")
        text = reply.read().decode()
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    ok = (("code", "OK"), ("method", "GetSecret"))
    assert samples[("secretsbroker_rpc_duration_seconds_count", ok)] >= 1
    assert samples[("secretsbroker_cache_hits_total", ())] >= 1
    embedded = (("operation", "put"), ("outcome", "ok"), ("store", "embedded"))
    assert samples[("secretsbroker_store_duration_seconds_count", embedded)] >= 1
    assert 364 < samples[("secretsbroker_tls_certificate_expiry_days", ())] <= 365
    assert samples[("secretsbroker_store_breaker_state", (("store", "embedded"),))] == 0
    assert samples[("process_resident_memory_bytes", ())] > 0
    assert password not in text and password not in dev.log_file.read_text()
    assert "rpc method=GetSecret identity=spiffe://secrets-broker.dev/client code=OK" in (
        dev.log_file.read_text()
    )


def test_dev_mode_prints_where_its_audit_trail_is(dev: DevBroker) -> None:
    audit_dir = (dev.data_dir / "audit").resolve()
    assert dev.audit_line == f"audit trail in {audit_dir}/\n"
    got = dev.cli("get", "demo/database", "--only", "userId")
    assert got.returncode == 0, got.stderr
    verified = subprocess.run(
        [*CLI, "audit", "verify", str(audit_dir)], capture_output=True, text=True, env=dev.env
    )
    assert verified.returncode == 0 and verified.stdout.startswith("ok: "), verified.stdout
    usage = subprocess.run(
        [*CLI, "audit", "usage", "--name", "demo/database", "--format", "json"],
        capture_output=True,
        text=True,
        env={**dev.env, "SECRETS_BROKER_DEV_DIR": str(dev.data_dir)},
        check=True,
    )
    rows = {(r["identity"], r["rpc"]): r for r in json.loads(usage.stdout)}
    assert rows[("spiffe://secrets-broker.dev/admin", "GetSecret")]["allowed"] >= 1


def test_grpcurl_lists_both_services_by_reflection(dev: DevBroker) -> None:
    out = subprocess.run(
        [tool("grpcurl"), *dev.tls(), dev.address, "list"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout.split()
    assert "secretsbroker.v1.SecretsBrokerService" in out
    assert "secretsbroker.v1.SecretsAdminService" in out


def test_grpcurl_describes_a_method_by_reflection(dev: DevBroker) -> None:
    out = subprocess.run(
        [tool("grpcurl"), *dev.tls(), dev.address, "describe",
         "secretsbroker.v1.SecretsBrokerService.GetSecret"],
        capture_output=True, text=True, timeout=30, check=True,
    ).stdout  # fmt: skip
    assert out.startswith("secretsbroker.v1.SecretsBrokerService.GetSecret is a method:")
    assert "returns ( .secretsbroker.v1.GetSecretResponse )" in out


def test_ghz_loads_the_broker_by_reflection_alone(dev: DevBroker) -> None:
    """ghz asks reflection for the method's file: no --proto or --import-paths."""
    d = dev.data_dir / "tls"
    tls = ["--cacert", str(d / "ca.pem"), "--cert", str(d / "client.pem"),
           "--key", str(d / "client-key.pem")]  # fmt: skip
    out = subprocess.run(
        [tool("ghz"), *tls, "--call", "secretsbroker.v1.SecretsBrokerService/GetSecret",
         "-d", '{"name": "demo/database"}', "-n", "50", "-c", "2", "--format", "json",
         dev.address],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    report = json.loads(out)
    assert report["count"] == 50
    assert report["statusCodeDistribution"] == {"OK": 50}


def test_reflection_v1_finds_the_file_of_a_method(dev: DevBroker) -> None:
    """The v1 service answers file_containing_symbol for a method, as Go servers do."""
    d = dev.data_dir / "tls"
    creds = grpc.ssl_channel_credentials(
        (d / "ca.pem").read_bytes(), (d / "client-key.pem").read_bytes(),
        (d / "client.pem").read_bytes(),
    )  # fmt: skip
    with grpc.secure_channel(dev.address, creds) as channel:
        call = channel.stream_stream(
            "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
            request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
            response_deserializer=reflection_pb2.ServerReflectionResponse.FromString,
        )
        symbols = ["secretsbroker.v1.SecretsAdminService.PutSecret", "secretsbroker.v1.Nope.X"]
        replies = list(
            call(
                iter(reflection_pb2.ServerReflectionRequest(file_containing_symbol=s)
                     for s in symbols),
                timeout=30,
            )
        )  # fmt: skip
    found = descriptor_pb2.FileDescriptorProto.FromString(
        replies[0].file_descriptor_response.file_descriptor_proto[0]
    )
    assert found.name == "secretsbroker/v1/admin_service.proto"
    assert replies[1].error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0]


def test_health_probe_reports_serving(dev: DevBroker) -> None:
    d = dev.data_dir / "tls"
    result = subprocess.run(
        [
            tool("grpc-health-probe"),
            "-addr",
            dev.address,
            "-tls",
            "-tls-ca-cert",
            str(d / "ca.pem"),
            "-tls-client-cert",
            str(d / "client.pem"),
            "-tls-client-key",
            str(d / "client-key.pem"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0 and "SERVING" in result.stdout + result.stderr


def test_grpcurl_without_client_certificate_fails(dev: DevBroker) -> None:
    result = subprocess.run(
        [
            tool("grpcurl"),
            "-cacert",
            str(dev.data_dir / "tls" / "ca.pem"),
            "-max-time",
            "5",
            dev.address,
            "list",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0


def test_demo_directory_and_access_list(dev: DevBroker) -> None:
    req = json.dumps(
        {
            "collection": "demo/coco-pharmaceuticals",
            "control_name": "asset-catalog",
            "resolve": True,
        }
    )
    out = subprocess.run(
        [
            tool("grpcurl"),
            *dev.tls(),
            "-d",
            req,
            dev.address,
            "secretsbroker.v1.SecretsBrokerService/GetAccessList",
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    ops = json.loads(out)["access_control"]["operations"]
    assert ops["READ"]["resolved_user_ids"] == ["erinoverview", "garygeeke", "peterprofile"]


def test_cli_put_get_list_delete_import(dev: DevBroker, tmp_path: Path) -> None:
    put = dev.cli(
        "put",
        "apps/cli",
        "--json",
        "-",
        "--refresh-after-seconds",
        "60",
        stdin=json.dumps({"userId": "u1", "clearPassword": "cli-pass"}),
    )
    assert put.returncode == 0, put.stderr
    assert json.loads(put.stdout)["version"] == "1"
    got = dev.cli("get", "apps/cli", "--only", "userId")
    assert got.returncode == 0 and json.loads(got.stdout)["values"] == {"userId": "u1"}
    listed = dev.cli("list", "apps/")
    assert listed.stdout.splitlines() == ["apps/cli\tv1\tclearPassword,userId"]
    stale = dev.cli("put", "apps/cli", "k=v", "--expected-version", "0")
    assert stale.returncode == 1 and stale.stderr.startswith("secrets-broker: ABORTED: ")
    assert dev.cli("delete", "apps/cli").returncode == 0
    gone = dev.cli("get", "apps/cli")
    assert gone.returncode == 1 and "NOT_FOUND" in gone.stderr
    doc = tmp_path / "c.yaml"
    doc.write_text(
        "secretsCollections:\n  demo/extra:\n    secrets: {userId: x}\n    users: {u: {userName: u}}\n"
    )
    imported = dev.cli("import", str(doc))
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["collections"][0]["userCount"] == 1


def test_cli_rotate_versions_and_watch(dev: DevBroker) -> None:
    put = dev.cli("put", "apps/rot", "--json", "-", stdin='{"userId": "u", "clearPassword": "old"}')
    assert put.returncode == 0, put.stderr
    watch = subprocess.Popen(
        [*CLI, "watch", "apps/rot", "--address", dev.address, "--dev-dir", str(dev.data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env=dev.env,
    )
    try:
        assert watch.stdout is not None
        assert watch.stdout.readline() == "apps/rot\tv1\n"
        rotated = dev.cli("rotate", "apps/rot", "--generate", "password:48")
        assert rotated.returncode == 0, rotated.stderr
        reply = json.loads(rotated.stdout)
        assert reply["metadata"]["version"] == "2" and reply["previousVersion"] == "1"
        assert "previousDisableTime" in reply
        assert watch.stdout.readline() == "apps/rot\tv2\n"
    finally:
        watch.terminate()
        watch.wait(timeout=30)
    new = json.loads(dev.cli("get", "apps/rot").stdout)["values"]
    assert len(new["clearPassword"]) == 48 and new["userId"] == "u"
    assert new["clearPassword"] not in rotated.stdout + rotated.stderr
    hexed = dev.cli("rotate", "apps/rot", "--generate", "hex:8", "--value-key", "apiKey")
    assert hexed.returncode == 0, hexed.stderr
    assert len(json.loads(dev.cli("get", "apps/rot").stdout)["values"]["apiKey"]) == 16
    assert dev.cli("disable", "apps/rot", "1").stdout == "v1\tdisabled\n"
    assert dev.cli("destroy", "apps/rot", "2").stdout == "v2\tdestroyed\n"
    lines = dev.cli("versions", "apps/rot").stdout.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [
        ["v3", "enabled"],
        ["v2", "destroyed"],
        ["v1", "disabled"],
    ]
    stale = dev.cli("rotate", "apps/rot", "--expected-version", "1")
    assert stale.returncode == 1 and "ABORTED" in stale.stderr
    bad = dev.cli("rotate", "apps/rot", "--generate", "dice:6")
    assert bad.returncode == 2 and "--generate" in bad.stderr
    refused = dev.cli("enable", "apps/rot", "2")
    assert refused.returncode == 1 and "FAILED_PRECONDITION" in refused.stderr
    assert "version 2 is destroyed" in refused.stderr


def test_liveness_service_is_serving(dev: DevBroker) -> None:
    d = dev.data_dir / "tls"
    result = subprocess.run(
        [tool("grpc-health-probe"), "-addr", dev.address, "-service", "secretsbroker.liveness", "-connect-timeout", "10s",
         "-tls", "-tls-ca-cert", str(d / "ca.pem"), "-tls-client-cert", str(d / "client.pem"),
         "-tls-client-key", str(d / "client-key.pem")],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "status: SERVING"


def test_sigterm_stops_cleanly_with_exit_0(dev: DevBroker) -> None:
    dev.proc.send_signal(signal.SIGTERM)
    assert dev.proc.wait(timeout=30) == 0


def test_restart_keeps_data_and_certificates(dev: DevBroker) -> None:
    ca_before = (dev.data_dir / "tls" / "ca.pem").read_bytes()
    again = DevBroker(dev.data_dir)
    try:
        got = again.cli("get", "demo/database")
        assert got.returncode == 0 and json.loads(got.stdout)["version"] == "1"
        assert (dev.data_dir / "tls" / "ca.pem").read_bytes() == ca_before
    finally:
        again.proc.send_signal(signal.SIGINT)
        assert again.proc.wait(timeout=30) == 0


def test_serve_refuses_unknown_config_key(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("listen: 127.0.0.1:0\ntls: {}\npolicy_file: p\nstores: {}\nbogus_key: 1\n")
    result = subprocess.run(
        [*CLI, "serve", "--config", str(config)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=60,
    )
    assert result.returncode == 2
    assert "unknown key 'bogus_key'" in result.stderr


def test_certs_serve_and_policy_reload_on_sighup(tmp_path: Path) -> None:
    env = {**env_with_tools(), "PYTHONPATH": os.pathsep.join(sys.path)}
    tls = tmp_path / "tls"

    def run(*args: str) -> None:
        subprocess.run([*CLI, *args], check=True, env=env, timeout=60, capture_output=True)

    run("certs", "ca", "--out", str(tls))
    run("certs", "server", "--ca-dir", str(tls), "--out", str(tls), "--host", "127.0.0.1")
    run(
        "certs",
        "client",
        "--ca-dir",
        str(tls),
        "--out",
        str(tls),
        "--name",
        "job",
        "--spiffe-id",
        "spiffe://prod.example/job",
    )
    assert (tls / "job-key.pem").stat().st_mode & 0o777 == 0o600
    create_master_key(tmp_path / "master.key")
    grant = (
        "grants:\n  - identities: ['spiffe://prod.example/job']\n    rpcs: ['*']\n    names: [{}]\n"
    )
    (tmp_path / "policy.yaml").write_text(grant.format("'prod/**'"))
    (tmp_path / "config.yaml").write_text(
        "listen: 127.0.0.1:0\n"
        "tls: {cert_file: tls/server.pem, key_file: tls/server-key.pem, client_ca_file: tls/ca.pem}\n"
        "policy_file: policy.yaml\n"
        "stores: {main: {type: sqlite, path: data/store.db, master_key_file: master.key}}\n"
        "audit: {dir: audit}\n"
    )
    proc = subprocess.Popen(
        [*CLI, "serve", "--config", str(tmp_path / "config.yaml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        address = proc.stdout.readline().split()[-1]
        flags = [
            "--address",
            address,
            "--ca",
            str(tls / "ca.pem"),
            "--cert",
            str(tls / "job.pem"),
            "--key",
            str(tls / "job-key.pem"),
        ]
        put = subprocess.run(
            [*CLI, "put", "prod/db", "userId=x", *flags],
            env=env,
            timeout=60,
            capture_output=True,
            text=True,
        )
        assert put.returncode == 0, put.stderr
        got = subprocess.run(
            [*CLI, "get", "prod/db", *flags], env=env, timeout=60, capture_output=True, text=True
        )
        assert json.loads(got.stdout)["values"] == {"userId": "x"}

        def put_other() -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [*CLI, "put", "other/db", "k=v", *flags],
                env=env,
                timeout=60,
                capture_output=True,
                text=True,
            )

        def await_log(text: str) -> None:
            assert proc.stderr is not None
            for _ in range(1000):  # bounded: the server logs each call and the reload
                line = proc.stderr.readline()
                if text in line or not line:
                    return
            raise AssertionError(f"no log line with {text!r}")

        assert "NOT_FOUND" in put_other().stderr  # not granted yet
        (tmp_path / "policy.yaml").write_text(grant.format("'prod/**', 'other/**'"))
        proc.send_signal(signal.SIGHUP)
        await_log("policy reloaded")
        assert put_other().returncode == 0
        for broken in ("grants: [{identities: []}]\n", ""):  # an empty file would lock out all
            (tmp_path / "policy.yaml").write_text(broken)
            proc.send_signal(signal.SIGHUP)
            await_log("policy not reloaded")
            assert put_other().returncode == 0  # the previous policy stays in force
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
