"""Protobuf ⇄ domain for versions, rotation and watch, with request-field validation."""

from __future__ import annotations

from dataclasses import dataclass

from google.protobuf.duration_pb2 import Duration
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as broker_pb

from secrets_broker.api import convert
from secrets_broker.domain import generate
from secrets_broker.domain.errors import InvalidArgument
from secrets_broker.domain.model import MAX_REFRESH_SECONDS
from secrets_broker.domain.names import SecretName, check_prefix
from secrets_broker.domain.versions import VersionInfo, VersionState
from secrets_broker.lifecycle import DEFAULT_KEY, Generator, RandomBytes, check_supplied
from secrets_broker.replication.hub import (
    AbsentEvent,
    HeartbeatEvent,
    SyncedEvent,
    VersionEvent,
    WatchEvent,
)

MAX_WATCH_NAMES = 100
MAX_HEARTBEAT_SECONDS = 300
MAX_OVERLAP_SECONDS = MAX_REFRESH_SECONDS  # 30 days
STATE = {
    VersionState.ENABLED: admin_pb.SECRET_VERSION_STATE_ENABLED,
    VersionState.DISABLED: admin_pb.SECRET_VERSION_STATE_DISABLED,
    VersionState.DESTROYED: admin_pb.SECRET_VERSION_STATE_DESTROYED,
}
ENCODING: dict[int, generate.Encoding] = {
    admin_pb.RANDOM_BYTES_ENCODING_UNSPECIFIED: "base64",
    admin_pb.RANDOM_BYTES_ENCODING_BASE64: "base64",
    admin_pb.RANDOM_BYTES_ENCODING_BASE64URL: "base64url",
    admin_pb.RANDOM_BYTES_ENCODING_HEX: "hex",
}


def version_to_pb(info: VersionInfo) -> admin_pb.SecretVersion:
    msg = admin_pb.SecretVersion(
        name=info.name.value,
        version=info.version,
        create_time=convert.timestamp(info.create_time),
        state=STATE[info.state],
        data_crc32c=info.data_crc32c,
    )
    if info.state_time is not None:
        msg.state_time.CopyFrom(convert.timestamp(info.state_time))
    if info.disable_time is not None:
        msg.scheduled_disable_time.CopyFrom(convert.timestamp(info.disable_time))
    return msg


def check_version_number(version: int) -> int:
    if not 1 <= version <= convert.MAX_VERSION:
        raise InvalidArgument("version", f"must be within [1, {convert.MAX_VERSION}]")
    return version


def whole_seconds(field: str, value: Duration, low: int, high: int) -> int:
    if value.nanos or not low <= value.seconds <= high:
        raise InvalidArgument(field, f"must be a whole number of seconds within [{low}, {high}]")
    return value.seconds


@dataclass(frozen=True, slots=True)
class Rotation:
    generator: Generator
    key: str
    expected_version: int | None
    overlap_seconds: float | None


def rotation_from_pb(req: admin_pb.RotateSecretRequest) -> Rotation:
    which = req.WhichOneof("generator")
    generator: Generator
    if which is None:
        raise InvalidArgument("generator", "one of password, random_bytes or supplied is required")
    if which == "password":
        p = req.password
        generator = generate.PasswordPolicy(
            length=p.length or generate.DEFAULT_LENGTH,
            exclude_uppercase=p.exclude_uppercase,
            exclude_lowercase=p.exclude_lowercase,
            exclude_numbers=p.exclude_numbers,
            exclude_punctuation=p.exclude_punctuation,
            exclude_characters=p.exclude_characters,
            require_each_included_type=p.require_each_included_type,
        )
        generate.check_password_policy(generator, "password")
    elif which == "random_bytes":
        r = req.random_bytes
        if r.encoding not in ENCODING:
            raise InvalidArgument("random_bytes.encoding", "is not a known encoding")
        generator = RandomBytes(r.length or generate.DEFAULT_LENGTH, ENCODING[r.encoding])
        if not 1 <= generator.length <= generate.MAX_RANDOM_BYTES:
            raise InvalidArgument(
                "random_bytes.length", f"must be within [0, {generate.MAX_RANDOM_BYTES}]"
            )
    else:
        generator = check_supplied(req.supplied.values)
        if req.key:
            raise InvalidArgument("key", "is not used with supplied values")
    expected = None
    if req.HasField("expected_version"):
        expected = convert.check_version("expected_version", req.expected_version)
    overlap = None
    if req.HasField("overlap"):
        overlap = whole_seconds("overlap", req.overlap, 0, MAX_OVERLAP_SECONDS)
    return Rotation(generator, req.key or DEFAULT_KEY, expected, overlap)


@dataclass(frozen=True, slots=True)
class WatchRequest:
    names: list[SecretName]
    prefix: str | None
    resume_after: dict[str, int]
    keys: frozenset[str]
    heartbeat_seconds: float | None


def watch_from_pb(req: broker_pb.WatchSecretRequest) -> WatchRequest:
    if len(req.names) > MAX_WATCH_NAMES:
        raise InvalidArgument("names", f"more than {MAX_WATCH_NAMES} names")
    names = list(
        dict.fromkeys(SecretName.parse(raw, f"names[{i}]") for i, raw in enumerate(req.names))
    )
    prefix = check_prefix(req.prefix) or None
    if not names and prefix is None:
        raise InvalidArgument("names", "give names to watch, a prefix, or both")
    if len(req.resume_after) > MAX_WATCH_NAMES + 1000:
        raise InvalidArgument("resume_after", f"more than {MAX_WATCH_NAMES + 1000} entries")
    watched = {n.value for n in names}
    resume: dict[str, int] = {}
    for raw, version in req.resume_after.items():
        name = SecretName.parse(raw, "resume_after")
        if name.value not in watched and not (prefix and name.value.startswith(prefix)):
            raise InvalidArgument("resume_after", "names a secret this request does not watch")
        resume[name.value] = convert.check_version("resume_after", version)
    heartbeat = None
    if req.HasField("heartbeat_interval"):
        heartbeat = whole_seconds("heartbeat_interval", req.heartbeat_interval, 1, 300)
    return WatchRequest(names, prefix, resume, convert.check_keys(req.keys), heartbeat)


def event_to_pb(event: WatchEvent, keys: frozenset[str]) -> broker_pb.WatchSecretResponse:
    if isinstance(event, VersionEvent):
        secret = convert.secret_to_pb(event.secret, keys)
        item = broker_pb.WatchSecretVersion(name=event.name, secret=secret)
        return broker_pb.WatchSecretResponse(version=item)
    if isinstance(event, AbsentEvent):
        return broker_pb.WatchSecretResponse(absent=broker_pb.WatchSecretAbsent(name=event.name))
    if isinstance(event, HeartbeatEvent):
        beat = broker_pb.WatchHeartbeat(time=convert.timestamp(event.time))
        return broker_pb.WatchSecretResponse(heartbeat=beat)
    assert isinstance(event, SyncedEvent)
    return broker_pb.WatchSecretResponse(synced=broker_pb.WatchSynced())
