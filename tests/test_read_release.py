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


SAMPLE = "Milano, 3 marzo 2025 – L'export è cresciuto del 4,1%: più ordini “dall’estero” (€ 12 milioni)."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_a_bom_are_decoded(tmp_path: Path, encoding: str) -> None:
    f = tmp_path / "wide.txt"
    f.write_bytes(SAMPLE.encode(encoding))
    doc = read_release(f)
    assert doc.text == SAMPLE and doc.encoding == encoding


def test_windows_1252_is_preferred_to_dos_and_mac_charsets(tmp_path: Path) -> None:
    """Curly quotes, the euro sign and the en dash live in bytes 0x80-0x9f of Windows-1252;
    a DOS or Mac charset reads them as other letters without any error."""
    f = tmp_path / "cp1252.txt"
    f.write_bytes(SAMPLE.encode("cp1252"))
    doc = read_release(f)
    assert doc.text == SAMPLE and doc.encoding == "cp1252"


@pytest.mark.parametrize("damage", [
    SAMPLE.encode("utf-8") + " Perché così?".encode("latin-1"),  # UTF-8 then Latin-1
    SAMPLE.encode("utf-8")[:20] + b"\xff\xfe" + SAMPLE.encode("utf-8")[20:],  # a few bad bytes
])
def test_a_mixture_of_encodings_is_refused_not_guessed(tmp_path: Path, damage: bytes) -> None:
    f = tmp_path / "mixed.txt"
    f.write_bytes(damage)
    with pytest.raises(ReleaseError, match="character set cannot be decided") as info:
        read_release(f)
    assert str(f) in str(info.value)


def test_the_build_report_names_the_charset_used(tmp_path: Path) -> None:
    from kgraph.pipeline import build
    from kgraph.store import open_store

    f = tmp_path / "legacy-release.txt"
    f.write_bytes(("Roma, 3 marzo 2025 – " + "L'associazione ha presentato i dati.").encode("cp1252"))
    with open_store("memory:") as store:
        report = build(store, [f])
    assert report.exit_code == 0
    assert any("legacy-release" in line and "(read as cp1252)" in line for line in report.lines())


def test_another_alphabet_is_never_read_as_accented_latin(tmp_path: Path) -> None:
    text = ("Москва, 3 марта 2025 года. Ассоциация производителей оборудования сообщила, что "
            "экспорт машин для обувной промышленности вырос на четыре процента за год. ") * 3
    f = tmp_path / "cyrillic.txt"
    f.write_bytes(text.encode("cp1251"))
    try:
        doc = read_release(f)
    except ReleaseError as exc:
        assert "character set" in str(exc)
    else:
        assert doc.text == text and doc.encoding != "cp1252"
