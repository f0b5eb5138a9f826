"""A source's collection record, as the Berkeley Protocol asks for it: with which tool and
method it was collected, when it was captured and by which clock, the identity the collector
used, and the hash taken at collection (checked against the bytes when they are imported).

The record is a plain dict of the keys below, empty ones left out, stored with the source.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

from desktop.domain.errors import SourceImportError, ValidationError

#: The record's keys, in the order they are shown.
FIELDS = ("tool", "method", "captured_at", "time_source", "identity", "hash_at_collection",
          "hash_checked")
#: The keys a person gives (hash_checked is Casefile's own finding).
GIVEN = FIELDS[:-1]

#: Hash algorithms a collection tool writes, by the length of their hex digest when unnamed.
_BY_LENGTH = {32: "md5", 40: "sha1", 64: "sha256", 128: "sha512"}
_NAMED = re.compile(r"^\s*(md5|sha-?1|sha-?256|sha-?512)\s*[:= ]\s*([0-9a-f]+)\s*$",
                    re.IGNORECASE)
_HEX = re.compile(r"^\s*([0-9a-f]+)\s*$", re.IGNORECASE)
_LONGEST = 2000


def parse_hash(text: str) -> tuple[str, str]:
    """("sha256", hex digest) from "sha256:…", "SHA-256 …" or a bare digest (its length
    names the algorithm); ValidationError when it is none of these."""
    named = _NAMED.match(text)
    if named:
        algorithm, digest = named.group(1).lower().replace("-", ""), named.group(2).lower()
    else:
        bare = _HEX.match(text)
        if not bare or len(bare.group(1)) not in _BY_LENGTH:
            raise ValidationError(f"{text.strip()[:80]!r} is not a hash: give it as "
                                  "sha256:<64 hex digits> (or md5, sha1, sha512)")
        digest = bare.group(1).lower()
        algorithm = _BY_LENGTH[len(digest)]
    if len(digest) != hashlib.new(algorithm).digest_size * 2:
        raise ValidationError(f"a {algorithm} hash has {hashlib.new(algorithm).digest_size * 2} "
                              f"hex digits, not {len(digest)}")
    return algorithm, digest


def record(**given: str) -> dict[str, str]:
    """A collection record from what a person gave: unknown keys refused, text stripped,
    empty values left out, the hash written as "algorithm:digest"."""
    unknown = set(given) - set(GIVEN)
    if unknown:
        raise ValidationError(f"not part of a collection record: {', '.join(sorted(unknown))}")
    out = {}
    for key in GIVEN:
        value = " ".join(str(given.get(key) or "").split())
        if len(value) > _LONGEST:
            raise ValidationError(f"the collection record's {key} is longer than {_LONGEST} "
                                  "characters")
        if value:
            out[key] = value
    if "hash_at_collection" in out:
        out["hash_at_collection"] = ":".join(parse_hash(out["hash_at_collection"]))
    if "captured_at" in out:
        out["captured_at"] = utc_time(out["captured_at"])
    return out


def utc_time(value: str) -> str:
    """A capture time as stored: an ISO 8601 date, or a date and time with its zone written
    in UTC ("2025-01-23T15:05:00+02:00" → "2025-01-23T13:05:00Z")."""
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValidationError(f"the capture time {value[:40]!r} is not an ISO 8601 date or "
                              "time (2025-01-23 or 2025-01-23T13:05:00Z)") from None
    if len(value) == 10:
        return value
    if when.tzinfo is None:
        raise ValidationError(f"the capture time {value[:40]!r} has no time zone: add Z for "
                              "UTC or the offset of the clock (+02:00)")
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


def checked(path: Path, data: bytes, collection: dict[str, str]) -> dict[str, str]:
    """The record with its hash checked against the bytes imported: a mismatch refuses the
    file in one line; a match is noted in the record."""
    given = collection.get("hash_at_collection")
    if not given:
        return collection
    algorithm, digest = parse_hash(given)
    actual = hashlib.new(algorithm, data).hexdigest()
    if actual != digest:
        raise SourceImportError(path, f"does not match the hash taken at collection ({algorithm} "
                                      f"{digest[:12]}… given, {actual[:12]}… read): it is not "
                                      "the file that was collected")
    return {**collection, "hash_checked": "matches the bytes imported"}


def with_capture(collection: dict[str, str], capture: dict) -> dict[str, str]:
    """A capture's own facts (a WARC's or MHTML's tool and time) where the person gave none."""
    found = {"tool": capture.get("tool", ""), "method": capture.get("method", ""),
             "captured_at": capture.get("time", ""), "time_source": capture.get("time_source",
                                                                                "")}
    if collection.get("captured_at") and not collection.get("time_source"):
        found.pop("time_source")  # the capture's clock says nothing of a time given by hand
    return {**{key: value for key, value in found.items() if value}, **collection}
