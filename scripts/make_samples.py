"""Write Vigil's binary and legacy-encoded sample reports into src/vigil/samples/.

The plain UTF-8 samples (.txt, .md, .html) are written by hand and live in that folder; this
script produces the ones that cannot be edited as text: a PDF (written by a minimal PDF writer
below, so that the text layer is exactly what we put in), a DOCX, an e-mail carrying a DOCX
attachment, and two .txt files in legacy encodings (cp1251, cp1252).

Every person, organisation, address and phone number is invented. Output is deterministic:
fixed dates everywhere and zip entries stamped with a fixed time, so re-running the script
leaves git clean.

    python scripts/make_samples.py [OUTDIR]
"""

from __future__ import annotations

import io
import sys
import textwrap
import zipfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import docx

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "src" / "vigil" / "samples"
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
DOCX_MIME = "vnd.openxmlformats-officedocument.wordprocessingml.document"

# --------------------------------------------------------------------------------------------
# Texts. Paragraphs are separated by blank lines.

AZ_TITLE = "Azerbaijan: journalist Ulviyya Mammadli held on smuggling charges"
AZ_TEXT = """\
Azerbaijan: journalist Ulviyya Mammadli held on smuggling charges

Caspian Rights Monitor - Briefing paper, 27 November 2023

Summary. Ulviyya Ramiz qizi Mammadli (also spelled Ulviya Mamedli, in Azerbaijani Ulviyye \
Memmedli), 31, an investigative reporter and deputy editor of the independent online outlet \
"Xazar Sesi" ("Caspian Voice"), has been held in pre-trial detention in Baku since 21 November \
2023. She is the fourth member of the outlet's staff arrested this month. This paper sets out \
the facts known to us and our recommendations.

Background. Ulviyya Mammadli was born on 4 February 1992 in Sumgayit. She studied journalism at \
Baku State University and joined Xazar Sesi in 2016, where she led a series of investigations \
into the property of officials of the Baku city executive authority. Her father, Ramiz \
Mammadli, is a retired teacher; her younger sister, Aytan Mammadli, is a student in Ganja.

Arrest and search. On 20.11.2023, at about 11 pm, officers of the Main Police Department of \
Baku stopped Mammadli outside her home at 56 Nizami Street, apartment 23, Baku, and took her \
to the department. Several hours later they returned with her and searched the apartment in \
the presence of her father. According to the police statement, 7,500 euros in cash were found \
"in a bag in the wardrobe". Her family and lawyer say the money was planted: Mammadli was kept \
in the corridor during the search and officers refused to let her father watch the bedroom \
being searched. Her phone (+994 50 555 23 61) and laptop were seized.

Charges. On November 21, 2023 the Khatai District Court of Baku ordered four months of \
pre-trial detention. Mammadli is charged under Article 206.3.2 of the Criminal Code of \
Azerbaijan ("smuggling committed by a group of persons by prior agreement"), which carries \
a sentence of up to 8 years' imprisonment. On 13 December investigators added charges under \
Art. 192.3.2 CC (illegal entrepreneurship) and Art. 193-1.3.1 CC (money laundering), bringing \
the possible sentence to 12 years.

Pattern. The same week the director of Xazar Sesi, Farid Aliyarov, and reporter Nargiz \
Huseynli were detained on identical charges; a travel ban was imposed on the outlet's \
accountant, Elnara Gasimova. In 2021 Mammadli was fined 500 manats (AZN) under Article 510 of \
the Code of Administrative Offences for "petty hooliganism" after filming a protest of \
residents evicted from their homes in the Yasamal district. In March 2022 she was attacked \
by two men outside the editorial office and her camera was broken; nobody has been charged.

Detention conditions. Her lawyer, Elchin Babayev, visited her on 24 November in the Baku pre-trial \
detention centre No. 1 in Zabrat. She told him she had been questioned for several hours about \
the sources of the outlet's funding and was pressed to name the donors of Xazar Sesi.

Recommendations. The Caspian Rights Monitor calls on the authorities of Azerbaijan to release \
Ulviyya Mammadli and her colleagues immediately and unconditionally, to drop the smuggling \
charges, to lift the travel ban on Elnara Gasimova and to stop using criminal law to punish \
investigative journalism. We call on Azerbaijan's international partners to raise these cases \
publicly and to attend the hearings.
"""

PH_TITLE = "Philippines: peasant organiser Rowena Lacsamana arrested in pre-dawn raid"
PH_CREATED = datetime(2023, 5, 18, 9, 0, 0, tzinfo=UTC)
PH_TEXT = """\
URGENT ACTION - Philippines: peasant organiser Rowena Lacsamana arrested in pre-dawn raid

Rowena Bautista Lacsamana, known in her community as "Ka Weng" (also spelled Rowina \
Laksamana in police documents), 47, secretary general of the provincial peasant federation \
"Samahan ng Magbubukid sa Negros" (SAMANEG, Peasants' Union of Negros), was arrested at 3:15 \
am on 16 May 2023 in a raid on her home in Sitio Malipayon, Barangay Tabun-ac, Himamaylan \
City, Negros Occidental.

About thirty officers of the Philippine National Police and soldiers of the 94th Infantry \
Battalion entered the house with a search warrant issued by a court in Manila. Her husband, \
Jose Lacsamana, and their two teenage sons were ordered to lie face down outside. The \
officers claimed to have found a .45 calibre pistol and a hand grenade under her bed. Her \
family says the items were planted: the search began before barangay officials arrived as \
witnesses. Her mobile phone (+63 917 555 0398), a laptop and the federation's records of land \
disputes were taken.

Rowena Lacsamana was born on 2 August 1975 in Kabankalan. She has organised sugar plantation \
workers for more than twenty years and heads the women's committee of SAMANEG. Since 2021 \
her name and photograph have appeared on posters and Facebook pages accusing her of being a \
member of the communist New People's Army, a practice known as "red-tagging". On 09/11/2022 \
two men on a motorcycle fired at her as she left a meeting in Binalbagan; she was unhurt, \
but her driver, Ramon Tolentino, was wounded in the arm.

She is charged with illegal possession of firearms and ammunition under Republic Act No. \
10591 and illegal possession of explosives under Presidential Decree No. 1866, as amended by \
Republic Act No. 9516. The explosives charge is non-bailable. She is held at the Himamaylan \
City police station. Her lawyer, Atty. Carmelita Ongpauco of the Negros Lawyers' Circle, was \
only allowed to see her on 17 May 2023.

Three other SAMANEG members, including its chairperson Eduardo "Ka Eddie" Villaflor, were \
arrested in similar raids on the same morning in the towns of Ilog and Cauayan. In 2020 a \
court dismissed identical charges against Villaflor and ordered his release after the \
evidence was found to have been planted.

RECOMMENDED ACTION: Please write to the Secretary of Justice and the Chief of the Philippine \
National Police, calling on them to release Rowena Lacsamana and the other SAMANEG members, to \
drop the charges based on planted evidence, to investigate the shooting of November 2022, and \
to end the red-tagging of peasant organisers in Negros.
"""

KZ_EML_SUBJECT = "Update: Aygerim Nurlanova released, travel ban imposed (decision attached)"
KZ_EML_DATE = datetime(2024, 9, 12, 8, 30, 0, tzinfo=UTC)
KZ_EML_BODY = """\
Dear colleagues,

Good news from Atyrau, with a bitter taste. Yesterday, 11 September 2024, the appeal board of
the Atyrau regional court changed the sentence of Aygerim Nurlanova (Aigerim / Ajgerim
Nurlanova), head of the Atyrau branch of "Erkin Dala" (Free Steppe). The court kept the
conviction under article 174 of the Criminal Code but replaced the 5 years' imprisonment with
5 years of restricted freedom, suspended, and she was released from the courtroom the same
afternoon after six months in detention.

The court also imposed a travel ban for the whole probation period: she may not leave
Kazakhstan and must report to the probation service twice a month. The ban on public activity
was confirmed. She was received at the court building by her husband Marat Zhumabekov, her
brother Daniyar and about forty supporters.

We thank everyone who wrote to the Prosecutor General and the diplomats who attended the
hearing on 4 September. Please keep the pressure on: we ask you to call for the conviction to
be quashed and for the travel ban on Aygerim Nurlanova and on Saule Ospanova to be lifted.

Attached is our short report on the decision (DOCX), which you may share.

In solidarity,
Aliya Kenzhebaeva
Coordinator, Steppe Defenders Network
info@example.org
"""

KZ_DOCX_TITLE = "Decision of the Atyrau regional court in the case of Aygerim Nurlanova"
KZ_DOCX_CREATED = datetime(2024, 9, 12, 7, 0, 0, tzinfo=UTC)
KZ_DOCX_TEXT = """\
Decision of the Atyrau regional court in the case of Aygerim Nurlanova

Steppe Defenders Network, report of 12 September 2024

On 11.09.2024 the appeal board of the Atyrau regional court, presided over by Judge Asel \
Mukhametkaliyeva, examined the appeal of Aygerim Serikovna Nurlanova (also written Aigerim \
or Ajgerim Nurlanova), born 14 May 1986 in Kulsary, head of the Atyrau regional branch of the \
public association "Erkin Dala" (Free Steppe).

Nurlanova was arrested on 06/03/2024 after a search of her flat in Atyrau and was sentenced on \
20 June 2024 by the Atyrau city court to 5 years' imprisonment under article 174, part 1, of \
the Criminal Code of the Republic of Kazakhstan ("incitement of social discord") and Art. 405 \
CC. The city court also banned her from public activity for three years and ordered her to \
pay 1,200,000 tenge in procedural costs.

The appeal board dropped the charge under Art. 405 CC, finding no evidence that Erkin Dala was \
linked to a banned organisation. It upheld the conviction under article 174 but changed the \
punishment to 5 years of restricted freedom, suspended, with probation. Aygerim Nurlanova was \
released in the courtroom on the afternoon of September 11, 2024, after 189 days in detention.

As conditions of probation the court imposed a travel ban (she may not leave the Republic of \
Kazakhstan), a curfew from 10 pm to 6 am and an obligation to report to the probation \
service of Atyrau twice a month. The ban on public activity was confirmed for three years.

Her lawyer, Gulnara Tulegenova, said the defence would file a cassation appeal to the Supreme \
Court: "A suspended sentence for a video calling for peaceful dialogue is still a punishment \
for free speech."

The Steppe Defenders Network welcomes the release but calls on the authorities of Kazakhstan to \
quash the conviction, to lift the travel ban and the ban on public activity, to return the \
equipment seized during the search of 6 March, and to end the prosecution of other members of \
Free Steppe, including Bauyrzhan Temirkhanov and Saule Ospanova.
"""

BY_RU_TEXT = """\
URL: https://example.org/ru/news/2021/12/zhukovets-prigovor
TITLE: Журналиста Александра Жуковца приговорили к трём годам колонии
PUBLISHED: 2021-12-14

Журналиста Александра Жуковца приговорили к трём годам колонии

Витебск, 14 декабря 2021 года. Вчера, 13.12.2021, суд Октябрьского района г. Витебска \
приговорил журналиста Александра Жуковца (по-белорусски Аляксандр Жукавец, Aliaksandr \
Zhukavets) к 3 годам лишения свободы в колонии общего режима по ч. 1 ст. 342 УК Республики \
Беларусь («активное участие в групповых действиях, грубо нарушающих общественный порядок»).

Александр Николаевич Жуковец, 1980 года рождения, уроженец Полоцка, возглавляет отдел \
региональных новостей еженедельника «Двина» («Дзвіна»). Его задержали 17 августа 2021 года \
после обыска в квартире по адресу: г. Витебск, ул. Замковая, д. 12, кв. 7. Сотрудники ГУБОПиК \
изъяли компьютеры, телефоны и фотоаппарат. С тех пор он находится в СИЗО-2 г. Витебска.

Обвинение основано на видеозаписи марша 16 августа 2020 года, которую Жуковец снимал как \
журналист, в жилете с надписью «Пресса». Судья Игорь Малашенко отказался приобщить к делу \
редакционное удостоверение. Прокурор просил четыре года.

Супруга журналиста Наталья Жуковец рассказала, что в зале суда его держали в клетке и не \
дали попрощаться с дочерью. Главному редактору «Двины» Ольге Броновицкой запрещён выезд из \
Беларуси, а в феврале Жуковца оштрафовали на 1450 рублей по ст. 23.34 КоАП.

Белорусская ассоциация журналистов признала приговор политически мотивированным. \
Правозащитники призывают освободить Александра Жуковца и всех заключённых журналистов и \
прекратить уголовное преследование за профессиональную деятельность.
"""

NI_TEXT = """\
URL: https://example.org/news/2018/10/nicaragua-students-charged-terrorism
TITLE: Nicaragua: student leaders María José Ramírez and Félix Ortúzar charged with terrorism
PUBLISHED: 2018-10-22

Nicaragua: student leaders María José Ramírez and Félix Ortúzar charged with terrorism

Managua, 22 October 2018. Two leaders of the Coordinadora Universitaria por la Justicia \
(CUJ, “University Coordinating Committee for Justice”) appeared before a Managua court on \
Friday charged with terrorism, in what their families call a reprisal for the protests that \
began in April.

María José Ramírez Peñalba (also reported as Maria Jose Ramirez), 23, a fifth-year \
sociology student from León and spokesperson of the CUJ, was arrested on 14th October 2018 at \
a police checkpoint in Sébaco, on her way to Matagalpa. Félix Antonio Ortúzar Meléndez \
(“Felo”), 26, coordinator of the CUJ in Jinotega, was detained the next day at his parents’ \
house, Barrio Sandino, de la iglesia 2 cuadras al sur, Jinotega. Police searched the house \
without a warrant and took his phone (+505 8555 2107), a laptop and the CUJ’s list of \
volunteers.

The Public Prosecutor’s Office charged both students with terrorism (Art. 394 of the Penal \
Code), obstruction of public services (Art. 329) and illegal possession of weapons, \
accusing them of organising roadblocks (“tranques”) in León and Jinotega in June. The \
prosecution asks for sentences of up to 20 years’ imprisonment. Judge Ernesto Sánchez \
Úbeda ordered both to remain in preventive detention in La Modelo and La Esperanza \
prisons respectively. Their lawyers were not allowed to see the case file before the hearing.

Ramírez’s mother, Doña Ángela Peñalba, said her daughter had been beaten during the \
interrogation at El Chipote. On 30/06/2018 the student had already been attacked by armed \
government supporters who fired at a vigil in León; a classmate, Andrés Zúñiga, was wounded.

In August, a court fined Ortúzar’s father, Don Ramón Ortúzar, 10,000 córdobas for “public \
disorder” and the family has since been prevented from travelling to Costa Rica, where his \
brother sought asylum.

The Comisión Permanente de Derechos Humanos de Jinotega (CPDH-J, Jinotega Permanent Human \
Rights Commission) called on the government of Nicaragua to release María José Ramírez and \
Félix Ortúzar, to drop the terrorism charges and to stop using anti-terrorism law against \
students who took part in peaceful protests.
"""

# --------------------------------------------------------------------------------------------
# A minimal PDF writer: uncompressed content streams, standard Helvetica in WinAnsiEncoding.


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each joined onto one line."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")  # WinAnsiEncoding is cp1252 for every character we use
    raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + raw + b")"


def _pdf_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


def _page_streams(paras: Sequence[str], *, lines_per_page: int = 50) -> list[bytes]:
    """Lay out paragraphs as lines of ~88 characters; first paragraph in bold as a title."""
    lines: list[tuple[str, str]] = []
    for i, para in enumerate(paras):
        font = "F2" if i == 0 else "F1"
        lines.extend((font, line) for line in textwrap.wrap(para, 88))
        lines.append(("F1", ""))
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    streams = []
    for page in pages:
        out = [b"BT", b"14 TL", b"56 786 Td"]
        current = ""
        for font, line in page:
            if font != current:
                out.append(f"/{font} 11 Tf".encode())
                current = font
            out.append(_pdf_string(line) + b" Tj T*")
        out.append(b"ET")
        streams.append(b"\n".join(out) + b"\n")
    return streams


def pdf_bytes(title: str, text: str, *, author: str, created: datetime) -> bytes:
    """A complete PDF (A4 pages, text layer, /Info with title) with a correct xref table."""
    streams = _page_streams(paragraphs(text))
    first_page = 6
    kids = [first_page + 2 * i for i in range(len(streams))]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        (
            f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title "
        + _pdf_string(title)
        + b" /Author "
        + _pdf_string(author)
        + b" /Producer (Vigil scripts/make_samples.py) /CreationDate "
        + _pdf_string(_pdf_date(created))
        + b" /ModDate "
        + _pdf_string(_pdf_date(created))
        + b" >>",
    ]
    for i, stream in enumerate(streams):
        content_num = first_page + 2 * i + 1
        objects.append(
            (
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
                f"/Contents {content_num} 0 R >>"
            ).encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"endstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 5 0 R >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return bytes(out)


# --------------------------------------------------------------------------------------------
# DOCX and e-mail.


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with every entry stamped ZIP_TIME, so the bytes do not change per run."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def docx_bytes(title: str, text: str, *, author: str, created: datetime) -> bytes:
    document = docx.Document()
    paras = paragraphs(text)
    document.add_heading(paras[0], level=1)
    for para in paras[1:]:
        document.add_paragraph(para)
    props = document.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = created
    props.modified = created
    props.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    return _fixed_zip(buf.getvalue())


def eml_bytes() -> bytes:
    msg = EmailMessage()
    msg["From"] = "Steppe Defenders Network <info@example.org>"
    msg["To"] = "Monitors list <monitors@example.net>"
    msg["Subject"] = KZ_EML_SUBJECT
    msg["Date"] = format_datetime(KZ_EML_DATE)
    msg["Message-ID"] = "<20240912083000.nurlanova-update@example.org>"
    msg.set_content(KZ_EML_BODY)
    attachment = docx_bytes(
        KZ_DOCX_TITLE, KZ_DOCX_TEXT, author="Steppe Defenders Network", created=KZ_DOCX_CREATED
    )
    msg.add_attachment(
        attachment,
        maintype="application",
        subtype=DOCX_MIME,
        filename="nurlanova-appeal-decision.docx",
    )
    msg.set_boundary("==vigil-sample-boundary-20240912==")
    return msg.as_bytes()


# --------------------------------------------------------------------------------------------

BUILDERS: dict[str, Callable[[], bytes]] = {
    "az-2023-mammadli-briefing.pdf": lambda: pdf_bytes(
        AZ_TITLE,
        AZ_TEXT,
        author="Caspian Rights Monitor",
        created=datetime(2023, 11, 27, 10, 0, 0, tzinfo=UTC),
    ),
    "ph-2023-lacsamana-urgent-action.docx": lambda: docx_bytes(
        PH_TITLE, PH_TEXT, author="Negros Rights Watch", created=PH_CREATED
    ),
    "kz-2024-nurlanova-update.eml": eml_bytes,
    "by-2021-zhukovets-ru-cp1251.txt": lambda: BY_RU_TEXT.encode("cp1251"),
    "ni-2018-ramirez-cp1252.txt": lambda: NI_TEXT.encode("cp1252"),
}


def build(outdir: Path) -> list[Path]:
    """Write every generated sample into ``outdir``; returns the paths written."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in BUILDERS.items():
        path = outdir / name
        path.write_bytes(make())
        written.append(path)
    return written


def main(argv: Sequence[str]) -> int:
    outdir = Path(argv[1]) if len(argv) > 1 else SAMPLES_DIR
    for path in build(outdir):
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
