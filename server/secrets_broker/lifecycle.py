"""Use cases of a secret's version lifecycle: list versions, disable/enable/destroy one,
rotate, and watch. Authorization, audit and change notices as in broker.py.

A rotation reads the latest version, builds the next one from it (a generated password
or random bytes under one key, or values the caller supplies, the other values and the
refresh hint, token API and labels kept), writes it with compare-and-set on the version
it read, and schedules the previous version's disable at the end of the overlap (at
once for an overlap of 0). Generated values never leave the new version's content: not
in a log line, an error or the response.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from secrets_broker.domain import generate
from secrets_broker.domain.errors import (
    BrokerError,
    InvalidArgument,
    NotFound,
    VersionStateUnsupported,
)
from secrets_broker.domain.model import Secret, SecretMetadata, SecretValue, validate_content
from secrets_broker.domain.names import RESERVED_PREFIX, SecretName, check_key
from secrets_broker.domain.versions import VersionChange, VersionInfo
from secrets_broker.replication.bus import ChangeKind
from secrets_broker.replication.hub import Watch, WatchHub, WatchSpec

if TYPE_CHECKING:
    from secrets_broker.access.identity import Identity
    from secrets_broker.broker import Broker

log = logging.getLogger("secrets_broker.lifecycle")

DEFAULT_KEY = "clearPassword"
RIGHT_OF_CHANGE = {
    VersionChange.DISABLE: "DisableSecretVersion",
    VersionChange.ENABLE: "EnableSecretVersion",
    VersionChange.DESTROY: "DestroySecretVersion",
}


@dataclass(frozen=True, slots=True)
class RandomBytes:
    length: int
    encoding: generate.Encoding


@dataclass(frozen=True, slots=True)
class Supplied:
    values: Mapping[str, SecretValue]


Generator = generate.PasswordPolicy | RandomBytes | Supplied


@dataclass(frozen=True, slots=True)
class Rotated:
    metadata: SecretMetadata
    previous_version: int
    previous_disable_time: datetime | None


@dataclass(slots=True)
class WatchLimits:
    max_prefix_names: int = 1000
    max_seconds: float = 3600.0


class Lifecycle:
    def __init__(
        self,
        broker: Broker,
        hub: WatchHub,
        *,
        overlap_seconds: float = 3600.0,
        watch_limits: WatchLimits | None = None,
    ) -> None:
        self._broker = broker
        self.hub = hub
        self.overlap_seconds = overlap_seconds
        self.heartbeat_seconds = 15.0
        self.watch_limits = watch_limits or WatchLimits()

    # -- versions ------------------------------------------------------------------------

    async def list_versions(self, identity: Identity, name: SecretName) -> list[VersionInfo]:
        """Every version the store knows of, newest first."""
        broker = self._broker
        rpc = "ListSecretVersions"
        await broker._require(identity, rpc, "secret", name.value)
        await broker._check(identity, rpc, name.value, "secret")
        try:
            infos = await broker.store.version_info(name)
        except NotFound:
            await broker._record(identity, rpc, "secret", name.value, outcome="SECRET_NOT_FOUND")
            raise _missing(name) from None
        await broker._record(identity, rpc, "secret", name.value, detail={"count": len(infos)})
        return infos[::-1]

    async def change_version(
        self, identity: Identity, name: SecretName, version: int, change: VersionChange
    ) -> VersionInfo:
        right = RIGHT_OF_CHANGE[change]
        broker = self._broker
        await broker._require(identity, right, "secret", name.value)
        await broker._check(identity, right, name.value, "secret")
        await broker._audit_working(identity, right, "secret", name.value)
        try:
            info = await broker.store.set_version_state(name, version, change)
        except BrokerError as exc:
            missing = (
                await self._missing_version(name, version) if isinstance(exc, NotFound) else exc
            )
            await broker._record(
                identity, right, "secret", name.value, outcome=missing.reason, version=version
            )
            raise missing from None
        finally:
            broker.cache.observe(name, version)
        await broker.announce(name, version, ChangeKind.STATE)
        await broker._record(identity, right, "secret", name.value, version=version)
        return info

    async def _missing_version(self, name: SecretName, version: int) -> NotFound:
        """A missing secret answers as everywhere (as a forbidden one does); a missing
        version of a secret the caller may see says so."""
        try:
            await self._broker.store.version_info(name)
        except NotFound:
            return _missing(name)
        return _missing(name, version)

    # -- rotation ------------------------------------------------------------------------

    async def rotate(
        self,
        identity: Identity,
        name: SecretName,
        generator: Generator,
        *,
        key: str = DEFAULT_KEY,
        expected_version: int | None = None,
        overlap_seconds: float | None = None,
    ) -> Rotated:
        broker = self._broker
        rpc = "RotateSecret"
        await broker._require(identity, rpc, "secret", name.value)
        await broker._check(identity, rpc, name.value, "secret")
        await broker._audit_working(identity, rpc, "secret", name.value)
        try:
            current = await broker.store.get(name)
        except NotFound:
            await broker._record(identity, rpc, "secret", name.value, outcome="SECRET_NOT_FOUND")
            raise _missing(name) from None
        content = dataclasses.replace(current.content, values=_next_values(current, generator, key))
        validate_content(content)
        base = current.version if expected_version is None else expected_version
        try:
            meta = await broker.store.put(name, content, expected_version=base)
        except BrokerError as exc:
            await broker._record(identity, rpc, "secret", name.value, outcome=exc.reason)
            raise
        finally:
            broker.cache.invalidate(name)
        await broker.announce(name, meta.version, ChangeKind.WRITTEN)
        overlap = self.overlap_seconds if overlap_seconds is None else overlap_seconds
        disable_at = await self._retire(name, base, overlap)
        previous = {"previous": base}
        await broker._record(
            identity, rpc, "secret", name.value, version=meta.version, detail=previous
        )
        return Rotated(meta, base, disable_at)

    async def _retire(self, name: SecretName, version: int, overlap: float) -> datetime | None:
        """Disables the superseded version at the end of the overlap; None when the
        store cannot (logged: the rotation itself stands)."""
        at = datetime.now(UTC) + timedelta(seconds=overlap)
        change = VersionChange.SCHEDULE_DISABLE if overlap > 0 else VersionChange.DISABLE
        try:
            info = await self._broker.store.set_version_state(name, version, change, at=at)
        except VersionStateUnsupported:
            log.info("rotated %s: its store keeps version %d readable", name, version)
            return None
        except BrokerError as exc:
            log.error(
                "rotated %s, but disabling version %d failed (%s): disable it by hand",
                name,
                version,
                exc.reason,
            )
            return None
        finally:
            self._broker.cache.observe(name, version)
        await self._broker.announce(name, version, ChangeKind.STATE)
        return info.disable_time or (None if overlap > 0 else at)

    # -- watch ---------------------------------------------------------------------------

    async def open_watch(
        self,
        identity: Identity,
        names: list[SecretName],
        prefix: str | None,
        resume_after: Mapping[str, int],
        heartbeat_seconds: float,
    ) -> Watch:
        """A watch for ``identity``. Each name is resolved (bindings) now; a name the
        caller may not watch (or whose binding target it may not) is reported absent
        once and never again, exactly as a name that stays missing."""
        broker = self._broker
        rpc = "WatchSecret"
        await broker._require(identity, rpc, "prefix" if prefix is not None else "", prefix or "")
        real: dict[str, str | None] = {}
        for name in names:
            try:
                real[name.value] = (await broker._resolve(identity, rpc, name))[0].value
            except NotFound:
                real[name.value] = None

        def allowed(name: str) -> bool:  # asked on each event: a policy reload applies
            return broker.policy.allows(identity, "WatchSecret", name)

        spec = WatchSpec(
            names=real,
            prefix=prefix,
            resume_after=resume_after,
            allowed=allowed,
            heartbeat_seconds=heartbeat_seconds,
            max_prefix_names=self.watch_limits.max_prefix_names,
            max_seconds=self.watch_limits.max_seconds,
        )
        await broker._record(identity, rpc, "prefix", prefix or "", detail={"names": len(names)})
        return self.hub.open(spec, _Source(broker))


class _Source:
    """What a watch reads, through the broker's cache and store."""

    def __init__(self, broker: Broker) -> None:
        self._broker = broker

    async def read(self, name: SecretName, version: int) -> Secret:
        return await self._broker.cache.get(name, version)

    async def readable_versions(self, name: SecretName) -> list[int]:
        return await self._broker.store.versions(name)

    async def names_under(self, prefix: str, limit: int) -> list[str]:
        found: list[str] = []
        after = ""
        while len(found) < limit:
            batch = await self._broker.store.list(prefix, min(limit, 500), after)
            for meta in batch:
                after = meta.name.value
                if prefix.startswith(RESERVED_PREFIX) or not after.startswith(RESERVED_PREFIX):
                    found.append(after)
            if len(batch) < min(limit, 500):
                break
        return found[:limit]


def _next_values(current: Secret, generator: Generator, key: str) -> dict[str, SecretValue]:
    values = dict(current.content.values)
    if isinstance(generator, Supplied):
        values.update(generator.values)
        return values
    check_key(key, "key")
    if isinstance(generator, RandomBytes):
        value = generate.random_bytes(generator.length, generator.encoding, "random_bytes")
    else:
        value = generate.password(generator)
    values[key] = SecretValue(value)
    return values


def _missing(name: SecretName, version: int = 0) -> NotFound:
    what = f"secret {name.value!r}" + (f" version {version}" if version else "")
    return NotFound(f"{what} not found or not permitted", metadata={"secret": name.value})


def check_supplied(values: Mapping[str, str]) -> Supplied:
    if not values:
        raise InvalidArgument("supplied.values", "at least one value is required")
    return Supplied({k: SecretValue(v) for k, v in values.items()})
