"""The transliteration tables that build the test names write what the systems write."""

from __future__ import annotations

import pytest

from vigil.resolve.variants import BasePerson, family_form, patronymic, render, transliterate


@pytest.mark.parametrize(
    ("text", "system", "expected"),
    [
        ("Юлия Ершова", "ru_bgn", "Yuliya Yershova"),
        ("Щукин", "ru_iso9", "Ŝukin"),
        ("Жанаөзен", "kk_latin2021", "Janaözen"),
        ("Святлана Ціханоўская", "by_lacinka", "Sviatłana Cichanoŭskaja"),
        ("Григорій", "uk_national", "Hryhorii"),
        ("Холматов", "uz_latin", "Xolmatov"),
        ("Məmmədov", "az_english", "Mammadov"),
        ("ʿAbd al-Fattāḥ", "ar_egypt", "Abdel Fattah"),
    ],
)
def test_systems(text: str, system: str, expected: str) -> None:
    assert transliterate(text, system) == expected


def test_gender_forms_patronymics_and_forms() -> None:
    she = BasePerson("ru", "Юлия", "Ершов", "f", "Юрий")
    assert family_form(she) == "Ершова"
    assert patronymic(she) == "Юрьевна"
    assert render(she, "ini2", "native") == "Ершова Ю.Ю."
    assert render(she, "upper", "ru_bgn") == "YERSHOVA Yuliya"
