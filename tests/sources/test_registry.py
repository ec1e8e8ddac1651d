from __future__ import annotations

from collections.abc import Iterator

import pytest

from vigil.sources import read_bytes, registry
from vigil.sources.document import OffsetMap, SourceDocument


def test_builtin_readers_are_registered() -> None:
    names = {r.name for r in registry.readers()}
    assert names >= {"text.v1", "markdown.v1", "html.v1", "pdf.v1", "email.v1", "docx.v1"}


@pytest.mark.parametrize("name", ["text", "Text.v1", "text.v0", "text.1", "", "te xt.v1"])
def test_malformed_name_fails_at_registration(name: str) -> None:
    with pytest.raises(ValueError, match="must look like"):
        registry.register(name)


def test_duplicate_name_fails_at_registration() -> None:
    with pytest.raises(ValueError, match="already registered"):
        registry.register("text.v1")


def test_bad_extension_fails() -> None:
    with pytest.raises(ValueError, match="extensions"):
        registry.register("odd.v1", extensions=("TXT",))


def test_unknown_name_fails_at_lookup() -> None:
    with pytest.raises(KeyError, match=r"no reader named 'nope\.v1'"):
        registry.get("nope.v1")


@pytest.fixture
def rtf_plugin() -> Iterator[None]:
    @registry.register(
        "rtf.v1",
        media_types=("application/rtf",),
        extensions=(".rtfx",),
        sniff=lambda head: head.startswith(b"{\\rtfx"),
    )
    def read_rtf(data: bytes, filename: str, *, media_type: str | None = None) -> SourceDocument:
        text = data.decode("ascii")[6:]
        offsets = OffsetMap()
        offsets.add(0, len(text), 6, len(data))
        return SourceDocument(data, filename, "application/rtf", text, offsets, "rtf.v1")

    yield
    registry.unregister("rtf.v1")


@pytest.mark.usefixtures("rtf_plugin")
def test_plugin_reader_is_chosen_by_sniff_extension_and_media_type() -> None:
    assert read_bytes(b"{\\rtfxHello", "a.bin").reader == "rtf.v1"
    assert registry.by_extension("x.RTFX") is registry.get("rtf.v1")
    assert registry.by_media_type("application/rtf; charset=x") is registry.get("rtf.v1")


def test_unregister_removes_a_reader() -> None:
    registry.register("temp.v1", extensions=(".tmpx",))(registry.get("text.v1").read)
    assert registry.by_extension("a.tmpx") is not None
    registry.unregister("temp.v1")
    assert registry.by_extension("a.tmpx") is None
    with pytest.raises(KeyError):
        registry.get("temp.v1")
