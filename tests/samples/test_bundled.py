"""The bundled sample reports: present, in every format, and readable by the libraries."""

from __future__ import annotations

import email
import email.policy
import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

import docx
import pypdf
import pytest

from vigil.samples import sample_paths

ROOT = Path(__file__).resolve().parents[2]


def by_name(name: str) -> Path:
    matches = [p for p in sample_paths() if p.name == name]
    assert matches, f"{name} is not bundled"
    return matches[0]


def load_script() -> ModuleType:
    path = ROOT / "scripts" / "make_samples.py"
    spec = importlib.util.spec_from_file_location("make_samples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = module
    spec.loader.exec_module(module)
    return module


def test_at_least_ten_samples_covering_every_format() -> None:
    paths = sample_paths()
    assert len(paths) >= 10
    assert all(p.is_file() for p in paths)
    assert {p.suffix for p in paths} >= {".txt", ".md", ".html", ".pdf", ".eml", ".docx"}
    assert not any(p.name == "__init__.py" for p in paths)


def test_plain_text_samples_start_with_header_lines() -> None:
    utf8_txt = [p for p in sample_paths() if p.suffix == ".txt" and "cp125" not in p.name]
    assert len(utf8_txt) >= 2
    for path in utf8_txt:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("URL: https://example.org/")
        assert lines[1].startswith("TITLE: ")
        assert lines[2].startswith("PUBLISHED: 20")
        assert lines[3] == ""


def test_pdf_text_layer_is_extractable() -> None:
    reader = pypdf.PdfReader(by_name("az-2023-mammadli-briefing.pdf"))
    assert len(reader.pages) >= 2
    assert reader.metadata is not None
    assert reader.metadata.title == (
        "Azerbaijan: journalist Ulviyya Mammadli held on smuggling charges"
    )
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Mammadli is charged under Article 206.3.2 of the Criminal Code of Azerbaijan" in text
    assert "(+994 50 555 23 61)" in text  # escaped parentheses survive


def test_cp1251_sample_is_not_utf8_and_decodes_as_cp1251() -> None:
    data = by_name("by-2021-zhukovets-ru-cp1251.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1251")
    assert "Александр Николаевич Жуковец" in text
    assert "Аляксандр Жукавец" in text


def test_cp1252_sample_has_accented_spanish_names() -> None:
    data = by_name("ni-2018-ramirez-cp1252.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    assert "Ramírez’s mother" in text  # typographic quotes: Windows-1252, not ISO 8859-1
    assert "María José Ramírez Peñalba" in text
    assert "Félix Antonio Ortúzar Meléndez" in text


def test_eml_parses_and_carries_a_docx_report() -> None:
    raw = by_name("kz-2024-nurlanova-update.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert "Nurlanova" in str(message["Subject"])
    body = message.get_body(("plain",))
    assert body is not None
    assert "Steppe Defenders Network" in body.get_content()
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["nurlanova-appeal-decision.docx"]
    document = docx.Document(io.BytesIO(attachments[0].get_content()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Aygerim Serikovna Nurlanova" in text
    assert document.core_properties.title.startswith("Decision of the Atyrau regional court")


def test_docx_has_title_and_created_date() -> None:
    document = docx.Document(str(by_name("ph-2023-lacsamana-urgent-action.docx")))
    props = document.core_properties
    assert props.title.startswith("Philippines: peasant organiser Rowena Lacsamana")
    assert props.created is not None and props.created.year == 2023
    assert any("Republic Act No. 10591" in p.text for p in document.paragraphs)


def test_html_sample_has_article_inside_noise() -> None:
    html = by_name("by-2021-zhukavets-news.html").read_text(encoding="utf-8")
    assert html.count("<article>") == 1
    for noise in ("Hot topics:", "Recommend Stories", "cookies", "<script", "Share this"):
        assert noise in html


def test_markdown_samples_have_a_title() -> None:
    md = [p for p in sample_paths() if p.suffix == ".md"]
    assert md
    for path in md:
        assert path.read_text(encoding="utf-8").startswith("# ")


def test_same_person_appears_under_several_spellings() -> None:
    texts = {p.name: p.read_bytes() for p in sample_paths() if p.name.startswith("kz-2024")}
    spellings = {
        b"Aigerim Nurlanova": "kz-2024-nurlanova-arrest.txt",
        b"Ajgerim Nurlanova": "kz-2024-nurlanova-verdict.md",
        b"Aygerim Nurlanova": "kz-2024-nurlanova-update.eml",
    }
    for spelling, name in spellings.items():
        assert spelling in texts[name], (spelling, name)


def test_word_counts_are_in_range() -> None:
    for path in sample_paths():
        if path.suffix in {".txt", ".md"}:
            raw = path.read_bytes()
            encoding = next((c for c in ("cp1251", "cp1252") if c in path.name), "utf-8")
            words = len(raw.decode(encoding).split())
            assert 200 <= words <= 700, (path.name, words)


def test_script_regenerates_the_committed_binaries_byte_for_byte(tmp_path: Path) -> None:
    script = load_script()
    written = script.build(tmp_path)
    assert len(written) == 5
    for path in written:
        assert path.read_bytes() == by_name(path.name).read_bytes(), path.name


def test_sample_paths_works_from_a_zipped_package(tmp_path: Path) -> None:
    """Installed as a zip (zipapp, egg), the samples are extracted to real files."""
    import subprocess
    import zipfile

    package = ROOT / "src" / "vigil"
    archive = tmp_path / "vigil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(package / "__init__.py", "vigil/__init__.py")
        for path in (package / "samples").iterdir():
            if path.is_file():
                zf.write(path, f"vigil/samples/{path.name}")
    probe = (
        "import vigil.samples as s\n"
        "assert '.zip' in s.__file__, s.__file__\n"
        "paths = s.sample_paths()\n"
        "assert all(p.is_file() and p.stat().st_size > 0 for p in paths)\n"
        "assert {'.pdf', '.eml', '.docx'} <= {p.suffix for p in paths}\n"
        "print(len(paths))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": str(archive), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(sample_paths())
