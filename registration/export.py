"""The monthly package: one ZIP with a fixed layout, written entry by entry.

Layout (documented in docs/REGISTRATION.md)::

    1_toestemmingen/<organisatie>/JJJJMMDD_TOESTEMMING_ACHTERNAAM_VOORNAAM.<pdf|jpg|png>
    2_pop-documenten/<organisatie>/JJJJMMDD_POP_ACHTERNAAM_VOORNAAM.pdf
    3_overzicht_pop-trajecten_JJJJ-MM.xlsx
    4_uren-organisaties/<organisatie>/JJJJMM_UREN_<ORGANISATIE>.<pdf|jpg|png>
    5_overzicht_opleidingen_JJJJ-MM.xlsx
    6_aanwezigheidslijsten/<organisatie>/JJJJMMDD_AANWEZIGHEID_<ONDERWERP>_<nr>.<pdf|jpg|png>
    ONTBREEKT.txt                       only when something is missing

Memory stays bounded: trajectories are read in chunks, every entry is streamed into
the archive, the sheets are written with openpyxl's write-only mode. Every entry
carries the first day of the month as its timestamp and the parts come in a fixed,
sorted order, so the same month gives the same bytes.
"""

from __future__ import annotations

import datetime
import logging
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from anyascii import anyascii
from django.db.models.fields.files import FieldFile
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from plans.models import AgreedPopDocument, PopVersion, Trajectory
from plans.pdf import file_name, freeze_pop_document, name_part, person_file_name, pop_filename
from popsite.files import STORAGE_ERRORS
from registration import selectors
from registration.models import Training
from registration.pdf import render_consent_pdf
from registration.selectors import Missing

logger = logging.getLogger(__name__)

CONSENTS = "1_toestemmingen"
POPS = "2_pop-documenten"
HOURS = "4_uren-organisaties"
ATTENDANCE = "6_aanwezigheidslijsten"
MISSING_FILE = "ONTBREEKT.txt"
CHUNK = 100

Progress = Callable[[int, int], None]


def overview_name(month: datetime.date) -> str:
    return f"3_overzicht_pop-trajecten_{month:%Y-%m}.xlsx"


def trainings_name(month: datetime.date) -> str:
    return f"5_overzicht_opleidingen_{month:%Y-%m}.xlsx"


# The package goes to one Flemish funder in one fixed template: names, headers and
# texts inside it are Dutch whatever language the person asking reads the site in.
OVERVIEW_COLUMNS = [
    "Organisatie",
    "Achternaam",
    "Voornaam",
    "POP-coach(es)",
    "Variant",
    "Startdatum",
    "Datum afgerond",
    "Aantal contactmomenten",
    "Contactmomenten (datum: fase)",
    "Acties generieke competentie",
    "Acties technische competentie",
    "Acties iets anders",
    "Toestemming",
    "POP-document",
]

TRAINING_COLUMNS = [
    "Datum",
    "Organisatie",
    "Onderwerp",
    "POP-trainer",
    "Uren",
    "Aantal aanwezigen",
    "Aanwezigen",
    "Aanwezigheidslijst ondertekend",
]


@dataclass
class Package:
    missing: list[Missing]
    names: list[str] = field(default_factory=list)


class _Writer:
    """One archive, entries with fixed timestamps, names unique per folder."""

    def __init__(self, destination: IO[bytes], month: datetime.date) -> None:
        self.zip = zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED)
        self.stamp = (month.year, month.month, 1, 0, 0, 0)
        self.names: list[str] = []
        self._used: set[str] = set()
        self._reserved: set[str] = set()

    def reserve(self, name: str) -> str:
        """The name this entry will have: a second same-named file in a folder gets
        ``_2`` (kept within the length cap), so a sheet can name it before it is written."""
        if name in self._used:
            folder, _slash, base = name.rpartition("/")
            stem, dot, extension = base.rpartition(".")
            counter = 2
            while True:
                numbered = file_name([stem, str(counter)], dot + extension)
                candidate = f"{folder}/{numbered}" if folder else numbered
                if candidate not in self._used:
                    break
                counter += 1
            name = candidate
        self._used.add(name)
        self._reserved.add(name)
        return name

    def _info(self, name: str) -> zipfile.ZipInfo:
        if name in self._reserved:
            self._reserved.discard(name)
        else:
            name = self.reserve(name)
            self._reserved.discard(name)
        self.names.append(name)
        info = zipfile.ZipInfo(name, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    def write_bytes(self, name: str, data: bytes) -> None:
        self.zip.writestr(self._info(name), data)

    def write_stream(self, name: str, source: IO[bytes]) -> None:
        with self.zip.open(self._info(name), "w") as target:
            shutil.copyfileobj(source, target, 1024 * 1024)

    def write_file(self, name: str, field_file: FieldFile) -> bool:
        """False when the storage cannot open it: the completeness check names such a
        file before the build, so one lost scan never fails the whole package."""
        try:
            source = field_file.storage.open(field_file.name, "rb")
        except STORAGE_ERRORS:
            logger.exception("Bestand %s niet leesbaar voor het pakket", field_file.name)
            return False
        with source:
            self.write_stream(name, source)
        return True

    def write_workbook(self, name: str, workbook: Workbook) -> None:
        with tempfile.TemporaryFile() as raw, tempfile.TemporaryFile() as fixed:
            workbook.save(raw)
            raw.seek(0)
            _normalise_xlsx(raw, fixed, self.stamp)
            fixed.seek(0)
            self.write_stream(name, fixed)

    def close(self) -> None:
        self.zip.close()


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _normalise_xlsx(source: IO[bytes], target: IO[bytes], stamp: tuple[int, ...]) -> None:
    """openpyxl stamps the save time into the file and its entries; pin both."""
    iso = datetime.datetime(*stamp).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if item.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + iso + rb"\g<2>", src.read(item))
                dst.writestr(info, data)
                continue
            with src.open(item) as part, dst.open(info, "w") as out:
                shutil.copyfileobj(part, out, 1024 * 1024)


FORMULA_STARTS = ("=", "+", "-", "@")
PARTICLES = re.compile(r"^(?:(?:van|von|de|der|den|des|du|het|ten|ter|te|la|le|'t|d')\s+)+", re.I)


def dutch_sort_key(last_name: str, first_name: str = "") -> tuple[str, str]:
    """The Dutch way: particles do not count (``de Vries`` sorts with the V's), nor
    accents or case."""

    def fold(text: str) -> str:
        return anyascii(text).casefold()

    return fold(PARTICLES.sub("", last_name.strip())), fold(first_name)


def _cell_value(sheet: Any, value: Any) -> Any:
    """Text is always text: a name or topic that starts like a formula (``=HYPERLINK``)
    is written as a string, never evaluated by the funder's spreadsheet."""
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
    elif isinstance(value, datetime.date):
        cell.number_format = "DD/MM/YYYY"
    return cell


def _workbook(
    title: str, columns: list[str], rows: list[list[Any]], month: datetime.date
) -> Workbook:
    """One sheet: bold frozen header with a filter, widths fitted to the content,
    dates as dd/mm/jjjj, printed landscape on one page wide."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "POP-werking"
    workbook.properties.created = datetime.datetime(month.year, month.month, 1)
    sheet = workbook.create_sheet(title)
    for index, column in enumerate(columns):
        longest = max(
            [len(column)]
            + [10 if isinstance(r[index], datetime.date) else len(str(r[index])) for r in rows]
        )
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(60, longest + 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, column)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell_value(sheet, value) for value in row])
    return workbook


def _consent_name(trajectory: Trajectory, day: datetime.date, extension: str) -> str:
    name = person_file_name(day, "TOESTEMMING", trajectory.worker, extension)
    return f"{CONSENTS}/{trajectory.organisation.slug}/{name}"


def _contacts_text(contacts: Iterable) -> str:
    return "; ".join(f"{c.date:%d/%m/%Y}: {c.get_phase_display()}" for c in contacts)


def build_package(
    *,
    month: datetime.date,
    organisation_ids: list[int] | None,
    destination: IO[bytes],
    progress: Progress | None = None,
) -> Package:
    """Write the package for ``month`` (``None``: every organisation) into ``destination``."""
    with translation.override("nl"):
        return _build(month, organisation_ids, destination, progress)


def _build(
    month: datetime.date,
    organisation_ids: list[int] | None,
    destination: IO[bytes],
    progress: Progress | None,
) -> Package:
    missing = selectors.missing_documents(month, organisation_ids)
    left_out = {item.trajectory_id for item in missing if item.kind == "consent"}
    trajectories = selectors.export_trajectories(month, organisation_ids)
    sheets, _without = selectors.hours_sheets_for_export(month, organisation_ids)
    trainings = selectors.trainings_in(month, organisation_ids)
    total = 2 * trajectories.count() + len(sheets) + trainings.count() + 3
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    writer = _Writer(destination, month)
    try:
        # 1 and the rows of 3 in one pass over the trajectories; 2 after it, from the
        # versions that pass saw (a few integers each), so the archive lists its parts
        # in order and holds the same trajectories in every part.
        rows: list[tuple[tuple, list[Any]]] = []
        completing: list[tuple[int, str]] = []
        for trajectory in trajectories.iterator(chunk_size=CHUNK):
            consent = getattr(trajectory, "consent", None)
            if consent is None or not consent.is_complete or trajectory.pk in left_out:
                # Consent is the permission to register: no consent, no POP, no row
                # (ONTBREEKT.txt names it). Two steps: its consent-and-row and its POP.
                step()
                step()
                continue
            slug = trajectory.organisation.slug
            pop_name = writer.reserve(f"{POPS}/{slug}/{_pop_name_for(trajectory)}")
            completing.append((trajectory.completing_pop_id, pop_name))
            day = selectors.completion_date(trajectory)
            contacts = selectors.consent_contacts(trajectory, day)
            # A lost scan of a consent also confirmed in the app: the app's version.
            scanned = consent.has_scan and writer.write_file(
                _consent_name(trajectory, day, consent.scan_extension), consent.scan
            )
            if not scanned:
                writer.write_bytes(
                    _consent_name(trajectory, day, ".pdf"),
                    render_consent_pdf(trajectory, contacts, consent, day),
                )
            worker = trajectory.worker
            rows.append(
                (
                    (
                        trajectory.organisation.name.casefold(),
                        *dutch_sort_key(worker.last_name, worker.first_name),
                    ),
                    [
                        trajectory.organisation.name,
                        trajectory.worker.last_name,
                        trajectory.worker.first_name,
                        ", ".join(sorted(str(c) for c in trajectory.coaches.all())),
                        trajectory.get_variant_display(),
                        trajectory.started_on,
                        day,
                        len(contacts),
                        _contacts_text(contacts),
                        trajectory.generic_actions,
                        trajectory.technical_actions,
                        trajectory.other_actions,
                        "ondertekende scan" if scanned else "bevestigd in de app",
                        pop_name.rpartition("/")[2],
                    ],
                )
            )
            step()
        overview = _workbook(
            _("POP-trajecten"),
            OVERVIEW_COLUMNS,
            [row for _key, row in sorted(rows, key=lambda r: r[0])],
            month,
        )

        # The stored documents of record, never a new rendering (a version agreed
        # before documents were kept gets its document now, once).
        for start in range(0, len(completing), CHUNK):
            chunk = completing[start : start + CHUNK]
            stored = AgreedPopDocument.objects.in_bulk(
                [pop_id for pop_id, _name in chunk], field_name="pop_id"
            )
            for pop_id, name in chunk:
                document = stored.get(pop_id) or freeze_pop_document(pop_id)
                writer.write_file(name, document.file)
                step()

        writer.write_workbook(overview_name(month), overview)
        step()

        for hours in sheets:
            if hours.has_scan:
                slug = hours.organisation.slug
                writer.write_file(
                    f"{HOURS}/{slug}/{month:%Y%m}_UREN_{name_part(slug)}{hours.scan_extension}",
                    hours.scan,
                )
            step()

        training_rows = []
        for training in trainings.iterator(chunk_size=CHUNK):
            present = [
                a.person
                for a in sorted(
                    training.attendances.all(),
                    key=lambda a: dutch_sort_key(a.person.last_name, a.person.first_name),
                )
                if a.present
            ]
            training_rows.append(
                [
                    training.date,
                    training.organisation.name,
                    training.topic,
                    str(training.trainer),
                    float(training.hours),
                    len(present),
                    ", ".join(str(p) for p in present),
                    "ja" if training.has_scan else "nee",
                ]
            )
            step()
        training_book = _workbook(_("Opleidingen"), TRAINING_COLUMNS, training_rows, month)
        writer.write_workbook(trainings_name(month), training_book)
        step()

        for training in trainings.exclude(scan="").iterator(chunk_size=CHUNK):
            writer.write_file(_attendance_name(training), training.scan)

        if missing:
            writer.write_bytes(MISSING_FILE, missing_text(month, missing).encode("utf-8"))
        step()
    finally:
        writer.close()
    return Package(missing=missing, names=writer.names)


def _pop_name_for(trajectory: Trajectory) -> str:
    """The name part 2 gives the completing version, without reading it."""
    return pop_filename(PopVersion(trajectory=trajectory, agreed_at=trajectory.completed_at))


def _attendance_name(training: Training) -> str:
    topic = name_part(training.topic)[:40] or "OPLEIDING"
    return (
        f"{ATTENDANCE}/{training.organisation.slug}/{training.date:%Y%m%d}"
        f"_AANWEZIGHEID_{topic}_{training.pk}{training.scan_extension}"
    )


def missing_text(month: datetime.date, missing: list[Missing]) -> str:
    lines = [
        _("Ontbrekende documenten voor %(month)s") % {"month": f"{month:%m/%Y}"},
        "",
        _("Dit pakket werd toch gemaakt; deze documenten zitten er niet in:"),
        "",
    ]
    lines += [f"- {item.organisation}: {item.text} ({item.url})" for item in missing]
    skipped = [item for item in missing if item.kind == "consent"]
    if skipped:
        lines += [
            "",
            _(
                "Zonder toestemming mag een POP-traject niet geregistreerd worden: de POP en "
                "de rij in het overzicht van deze trajecten zitten niet in het pakket."
            ),
        ]
    return "\r\n".join(lines) + "\r\n"
