"""Generated inputs for the reader: any bytes give a release or one clear ReleaseError
naming the file, never another exception, and text that was written in a charset the
reader supports comes back exactly."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kgraph.errors import ReleaseError
from kgraph.extract import read_release

# Derandomized: CI runs the same examples every time, so a red build is reproducible.
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])


def _read(data: bytes, suffix: str = ".txt") -> str | ReleaseError:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / f"release{suffix}"
        f.write_bytes(data)
        try:
            return read_release(f).text
        except ReleaseError as exc:
            assert str(f) in str(exc) and "\n" not in exc.message
            return exc


@FUZZ
@given(st.binary(min_size=0, max_size=3000), st.sampled_from([".txt", ".md", ".html"]))
def test_any_bytes_give_a_release_or_one_clear_error(data: bytes, suffix: str) -> None:
    _read(data, suffix)


_WESTERN = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ.,;:-'0123456789%"
                                        "àèéìòùÀÈÉÌÒÙçÇ€“”‘’–—…\n")), min_size=1, max_size=400)


@FUZZ
@given(_WESTERN.filter(lambda t: t.strip() != ""),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]))
def test_text_in_a_supported_charset_round_trips(text: str, encoding: str) -> None:
    if encoding in ("utf-16-le", "utf-16-be"):
        # Without a BOM, UTF-16 shows only in its NUL bytes: a release, mostly Latin
        # letters, has one in nearly every other byte; a few accented characters do not.
        assume(len(text) >= 20 and sum(ord(c) < 128 for c in text) >= 0.8 * len(text))
    data = text.encode(encoding)
    if encoding == "cp1252":
        # A short Windows-1252 text can happen to be valid UTF-8 too ("Ç–" is U+01D6):
        # such bytes are UTF-8 for any reader, as they would be for a person's editor.
        # And a text of accented letters only is another alphabet's as much as Italian.
        assume(not _valid_utf8(data))
        letters = [c for c in text if c.isalpha()]
        assume(len(letters) < 20 or sum(c.isascii() for c in letters) >= 0.7 * len(letters))
    assert _read(data) == text


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
