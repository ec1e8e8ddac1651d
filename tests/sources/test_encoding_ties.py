"""An English report with a few Spanish names in cp1252 must not come out as cp1250."""

from __future__ import annotations

from vigil.sources import read_bytes

TEXT = (
    "The defender Doña Ángela Peñalba and her colleague Andrés Zúñiga were threatened "
    "in Managua on Tuesday. Police said that they had received the complaint and that "
    "an investigation was opened. The families of the detained students are afraid."
)


def test_cp1252_wins_a_tie_with_cp1250() -> None:
    doc = read_bytes(TEXT.encode("cp1252"), "appeal.txt")
    assert doc.encoding == "cp1252"
    assert "Peñalba" in doc.text and "Zúñiga" in doc.text
    assert any("cp1252" in w for w in doc.warnings)
