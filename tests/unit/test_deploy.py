"""The shipped Kubernetes manifests and Dockerfile agree with the broker they run."""

from pathlib import Path
from typing import Any

import yaml

from secrets_broker.access.policy import Policy
from secrets_broker.api.transport import LIVENESS_SERVICE
from secrets_broker.ops.config import check_config, env_overrides

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _docs(name: str) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all((DEPLOY / "k8s" / name).read_text()) if d]


def _broker_container() -> dict[str, Any]:
    (deployment,) = _docs("deployment.yaml")
    containers = deployment["spec"]["template"]["spec"]["containers"]
    return next(c for c in containers if c["name"] == "broker")


def test_configmap_config_passes_config_check_with_the_deployment_environment() -> None:
    (configmap,) = _docs("configmap.yaml")
    env = {e["name"]: "host=db dbname=secrets user=broker" for e in _broker_container()["env"]}
    doc = env_overrides(yaml.safe_load(configmap["data"]["broker.yaml"]), env)
    config, problems = check_config(doc, Path("/etc/secrets-broker/config"))
    assert problems == []
    assert config is not None and config.stores["shared"]["dsn"].startswith("host=db")
    Policy.from_mapping(yaml.safe_load(configmap["data"]["policy.yaml"]))


def test_probes_use_mtls_and_liveness_ignores_store_health() -> None:
    container = _broker_container()
    readiness = container["readinessProbe"]["exec"]["command"]
    liveness = container["livenessProbe"]["exec"]["command"]
    for command in (readiness, liveness):
        assert command[0] == "grpc-health-probe" and "-tls" in command
        assert any(a.startswith("-tls-client-cert=") for a in command)
    assert not any(a.startswith("-service=") for a in readiness)  # overall health
    assert f"-service={LIVENESS_SERVICE}" in liveness


def test_the_image_runs_as_the_user_the_pod_expects() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    (deployment,) = _docs("deployment.yaml")
    uid = deployment["spec"]["template"]["spec"]["securityContext"]["runAsUser"]
    assert f"USER {uid}:{uid}" in dockerfile
    assert deployment["spec"]["replicas"] == 3


def test_the_metrics_port_is_declared_everywhere_the_config_serves_it() -> None:
    (configmap,) = _docs("configmap.yaml")
    listen = yaml.safe_load(configmap["data"]["broker.yaml"])["metrics"]["listen"]
    port = int(listen.rsplit(":", 1)[1])
    ports = {p["name"]: p["containerPort"] for p in _broker_container()["ports"]}
    assert ports["metrics"] == port
    (service,) = _docs("service.yaml")
    assert {"name": "metrics", "port": port, "targetPort": "metrics", "appProtocol": "http"} in (
        service["spec"]["ports"]
    )
    (policy,) = _docs("networkpolicy.yaml")
    allowed = [p["port"] for rule in policy["spec"]["ingress"] for p in rule["ports"]]
    assert sorted(allowed) == [port, 50051]
    (deployment,) = _docs("deployment.yaml")
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/port"] == str(port)
    assert f"EXPOSE 50051 {port}" in (DEPLOY / "Dockerfile").read_text()
