"""Properties over generated inputs (hypothesis): names, the record envelopes, the import
format and request decoding never end in anything but a result or a clear domain error.
Page tokens have theirs in test_limits.py, identities in test_identity.py."""

import os
import string

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from secrets_broker.domain.crypto import DataKey, Envelope, associated_data
from secrets_broker.domain.errors import DataLoss, InvalidArgument
from secrets_broker.domain.names import MAX_NAME_BYTES, SecretName
from tests.fuzz.targets import decode_requests, import_yaml

SEGMENT = st.text(string.ascii_letters + string.digits + " -_.:@+=,()#!&~[]", min_size=1)
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=64)


@given(st.one_of(ANY_TEXT, st.lists(SEGMENT, min_size=1, max_size=40).map("/".join)))
def test_a_name_parses_to_a_safe_name_or_is_name_invalid(raw: str) -> None:
    try:
        name = SecretName.parse(raw)
    except InvalidArgument as exc:
        assert exc.reason == "NAME_INVALID" and exc.field == "name"
        return
    segments = name.value.split("/")
    assert name.value == raw and len(raw.encode()) <= MAX_NAME_BYTES and raw.isascii()
    assert all(s and s not in (".", "..") and s == s.strip(" ") for s in segments)
    assert not raw.startswith("sys/") and raw.isprintable()
    assert SecretName.parse(name.value) == name


PLAINTEXT = st.binary(max_size=256)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(PLAINTEXT, st.data())
def test_any_bit_flip_in_a_record_is_data_loss(plaintext: bytes, data: st.DataObject) -> None:
    """Both layouts (SB1 under the master key, SB2 under a data key): one flipped bit
    anywhere, or a cut, and the record does not open."""
    aad = associated_data("connectors/pg", 3)
    for sealer in (Envelope(os.urandom(32)), DataKey(7, os.urandom(32))):
        record = sealer.seal(plaintext, aad)
        assert sealer.open(record, aad) == plaintext
        bit = data.draw(st.integers(0, len(record) * 8 - 1), label="bit")
        flipped = bytearray(record)
        flipped[bit // 8] ^= 1 << (bit % 8)
        for damaged in (bytes(flipped), record[: data.draw(st.integers(0, len(record) - 1))]):
            try:
                sealer.open(damaged, aad)
            except DataLoss:
                continue
            raise AssertionError(f"a damaged record opened (bit {bit})")
        try:  # the same record under another name or version
            sealer.open(record, associated_data("connectors/pg", 4))
        except DataLoss:
            continue
        raise AssertionError("a record opened under another version")


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=40,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(YAML_VALUES, st.booleans())
def test_any_document_imports_or_is_import_invalid(body: object, wrapped: bool) -> None:
    doc = {"secretsCollections": body} if wrapped else body
    text = yaml.safe_dump(doc, allow_unicode=True)
    import_yaml(text.encode())  # raises only on something other than IMPORT_INVALID


@given(st.binary(max_size=512))
def test_any_request_bytes_decode_or_are_refused_clearly(data: bytes) -> None:
    assume(data)
    decode_requests(data)
