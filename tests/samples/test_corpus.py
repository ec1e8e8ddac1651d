"""bench/corpus.py: deterministic, distinct, sized, fast enough, with diacritics."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_corpus(corpus: ModuleType) -> None:
    first = list(corpus.generate_reports(50, seed=7))
    again = list(corpus.generate_reports(50, seed=7))
    assert first == again


def test_other_seed_other_corpus(corpus: ModuleType) -> None:
    a = [data for _, data in corpus.generate_reports(20, seed=1)]
    b = [data for _, data in corpus.generate_reports(20, seed=2)]
    assert not set(a) & set(b)


def test_prefix_is_stable_whatever_n(corpus: ModuleType) -> None:
    assert list(corpus.generate_reports(5)) == list(corpus.generate_reports(30))[:5]


def test_reports_are_distinct_and_named_uniquely(corpus: ModuleType) -> None:
    reports = list(corpus.generate_reports(500))
    assert len({name for name, _ in reports}) == 500
    assert len({data for _, data in reports}) == 500


@pytest.mark.parametrize("words", [200, 600, 1500])
def test_about_the_requested_word_count(corpus: ModuleType, words: int) -> None:
    for _, data in corpus.generate_reports(40, words=words):
        count = len(data.decode("utf-8").split())
        assert abs(count - words) <= max(words * 0.05, 10), count


def test_header_lines(corpus: ModuleType) -> None:
    _, data = next(iter(corpus.generate_reports(1, seed=3)))
    lines = data.decode("utf-8").splitlines()
    assert lines[0].startswith("URL: https://example.org/")
    assert lines[1].startswith("TITLE: ")
    assert lines[2].startswith("PUBLISHED: ")
    assert lines[3] == ""


def test_some_names_carry_diacritics(corpus: ModuleType) -> None:
    text = b"".join(data for _, data in corpus.generate_reports(300)).decode("utf-8")
    assert any(name in text for name in ("Şahin", "Ülviyyə", "Gülər", "Çingiz"))
    assert any(name in text for name in ("Ramírez", "Peñalba", "Núñez", "Zúñiga"))
    assert any(name in text for name in ("Nguyễn", "Trần", "Phạm", "Đặng"))


def test_filler_is_zipf_like(corpus: ModuleType) -> None:
    from collections import Counter

    text = b" ".join(data for _, data in corpus.generate_reports(200)).decode("utf-8")
    counts = Counter(word.strip(".,").lower() for word in text.split())
    ranked = [c for _, c in counts.most_common()]
    assert len(counts) > 2000  # a realistic vocabulary size
    assert ranked[0] > 5 * ranked[9] > 5 * ranked[99]  # steep head, long tail


def test_write_corpus(corpus: ModuleType, tmp_path: Path) -> None:
    paths = corpus.write_corpus(tmp_path / "out", 12, words=300, seed=4)
    assert len(paths) == 12
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)
    assert paths[0].read_bytes() == next(iter(corpus.generate_reports(1, words=300, seed=4)))[1]


def test_fast_enough(corpus: ModuleType) -> None:
    corpus.generate_reports(1)  # warm the word pool outside the timing
    list(corpus.generate_reports(1))
    started = time.perf_counter()
    list(corpus.generate_reports(1000))
    # 10,000 reports must take well under 10 s; allow a slow shared machine 3x headroom
    assert time.perf_counter() - started < 1.0 * 3
