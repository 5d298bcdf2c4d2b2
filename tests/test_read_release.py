"""Reading release files: charsets, HTML main text, and every bad-input case."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from kgraph.errors import ReleaseError
from kgraph.extract._read import read_release

ITALIAN = ("Comunicato stampa – 26 giugno 2024\n\nSecondo i dati elaborati da ASSOMAC, "
           "l'associazione dei costruttori italiani di tecnologie per calzature, pelletteria e "
           "conceria, nel 2023 le esportazioni del settore sono cresciute del 3,66%. La crescita "
           "è stata più contenuta rispetto al 2022, perché frenata dai conflitti.\n")


def test_founding_release_is_read_as_stored(founding_release: Path) -> None:
    doc = read_release(founding_release)
    raw = founding_release.read_text(encoding="utf-8")
    assert doc.text == raw
    assert doc.slug == "assomac-2025-06-20-sector-2024"
    assert doc.language == "en"
    assert doc.sha256 == hashlib.sha256(raw.encode("utf-8")).hexdigest()
    assert "20 Tháng 6 2025" in doc.text  # the Vietnamese header survives decoding


def test_italian_release_is_detected_as_italian(tmp_path: Path) -> None:
    f = tmp_path / "it.txt"
    f.write_text(ITALIAN, encoding="utf-8")
    assert read_release(f).language == "it"


def test_utf8_bom_is_dropped_so_offsets_start_at_the_text(tmp_path: Path) -> None:
    f = tmp_path / "bom.md"
    f.write_bytes(b"\xef\xbb\xbf" + "Assomac: più export".encode())
    doc = read_release(f)
    assert doc.text == "Assomac: più export"
    assert doc.slug == "bom"


def test_latin1_release_is_decoded(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes(ITALIAN.replace("–", "-").encode("latin-1"))
    doc = read_release(f)
    assert "è stata più contenuta" in doc.text
    assert "perché" in doc.text


def test_short_latin1_text_prefers_a_western_charset(tmp_path: Path) -> None:
    f = tmp_path / "short.txt"
    f.write_bytes("Perché la città è più bella: società, qualità, già. Così è.".encode("latin-1"))
    assert read_release(f).text == "Perché la città è più bella: società, qualità, già. Così è."


def test_undecodable_bytes_name_the_file(tmp_path: Path) -> None:
    rng = random.Random(7)
    f = tmp_path / "noise.txt"
    f.write_bytes(bytes(rng.randrange(1, 256) for _ in range(2000)))
    with pytest.raises(ReleaseError) as info:
        read_release(f)
    assert str(f) in str(info.value)
    assert "character set" in str(info.value)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ReleaseError, match="binary file") as info:
        read_release(f)
    assert info.value.source == str(f)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    with pytest.raises(ReleaseError, match="empty file") as info:
        read_release(f)
    assert info.value.source == str(f)


def test_50_mb_file_is_refused_by_size_before_reading(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with f.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    with pytest.raises(ReleaseError) as info:
        read_release(f)
    message = str(info.value)
    assert str(f) in message
    assert "too large" in message and "50.0 MB" in message and "5.0 MB" in message


def test_size_limit_is_a_keyword_option(tmp_path: Path) -> None:
    f = tmp_path / "small.txt"
    f.write_text("Assomac " * 100, encoding="utf-8")
    assert read_release(f, max_bytes=10_000).text.startswith("Assomac")
    with pytest.raises(ReleaseError, match="too large"):
        read_release(f, max_bytes=100)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ReleaseError) as info:
        read_release(tmp_path / "nope.txt")
    assert "nope.txt" in str(info.value)


HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Assomac: the sector closes 2024 at -12%</title>
<style>body { color: red } .EVILSTYLE {}</style>
<script>var tracker = "EVILSCRIPT"; document.write("EVILSCRIPT");</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article>
<h1>Assomac: the sector closes 2024 at -12%</h1>
<p>Bergamo, 20 June 2025</p>
<p>According to the 2024 preliminary results, the Italian footwear, leather goods and tannery
machinery sector has recorded a 12% drop in turnover, with an estimated closure of around
575 million euros. Mauro Bergozza, President of Assomac, spoke at the General Assembly.</p>
<script>alert("EVILSCRIPT2")</script>
<p>Italy maintains a 30% share of world exports in the sector in 2024.</p>
</article>
<footer>Cookie policy</footer>
</body></html>"""


def test_html_gives_main_text_without_scripts_or_styles(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(HTML, encoding="utf-8")
    doc = read_release(f)
    assert "575 million euros" in doc.text
    assert "30% share of world exports" in doc.text
    assert doc.text.startswith("Assomac: the sector closes 2024 at -12%")
    for junk in ("EVIL", "color: red", "document.write", "alert("):
        assert junk not in doc.text
    assert doc.slug == "page"


def test_tiny_html_falls_back_to_visible_text(tmp_path: Path) -> None:
    f = tmp_path / "tiny.htm"
    f.write_text("<html><head><script>EVIL()</script></head><body><p>Assomac 2024</p></body></html>",
                 encoding="utf-8")
    doc = read_release(f)
    assert "Assomac 2024" in doc.text
    assert "EVIL" not in doc.text


def test_html_without_text_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "blank.html"
    f.write_text("<html><head><script>EVIL()</script></head><body></body></html>", encoding="utf-8")
    with pytest.raises(ReleaseError, match="without any main text"):
        read_release(f)


def test_utf16_with_bom_is_decoded_not_taken_for_binary(tmp_path: Path) -> None:
    f = tmp_path / "utf16.txt"
    f.write_bytes("Assomac: più export nel 2023".encode("utf-16"))  # BOM + NUL-rich bytes
    assert read_release(f).text == "Assomac: più export nel 2023"
