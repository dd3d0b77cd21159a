"""The POP document as a PDF, laid out like the paper actieplan-sjabloon."""

from __future__ import annotations

import datetime
import hashlib
import io
import re
from collections.abc import Callable

from anyascii import anyascii
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from plans.models import AgreedPopDocument, PopVersion
from plans.selectors import pop_with_content, talks_with_worker
from popsite.accounts.models import User
from popsite.printing import layout, render_html, to_pdf

# Every unzip tool and every file system can write a name of this length.
MAX_NAME = 100


def _no_appendix(pop: PopVersion) -> str:
    return ""


# The print appendix behind a POP (the cycle's worksheets) is made by the methods app,
# which builds on plans: it hands its renderer over in its AppConfig.ready.
_appendix_renderer: Callable[[PopVersion], str] = _no_appendix


def provide_appendix(render: Callable[[PopVersion], str]) -> None:
    global _appendix_renderer
    _appendix_renderer = render


def cycle_appendix_html(pop: PopVersion) -> str:
    """The HTML of the POP's print appendix; empty when no app provides one."""
    return _appendix_renderer(pop)


def name_part(name: str) -> str:
    """Upper-case ASCII for the VDAB file name (JJJJMMDD_POP_ACHTERNAAM_VOORNAAM).

    Non-Latin names are transliterated (Иванов -> IVANOV, Nguyễn -> NGUYEN, Yılmaz
    -> YILMAZ); spaces, apostrophes and particles are run together so the underscores
    stay the only separators (van der Berg -> VANDERBERG); a hyphen or en dash inside
    a double name stays a hyphen (De Smet–Vermeulen -> DESMET-VERMEULEN).
    """
    ascii_name = anyascii(name.replace("\u2013", "-").replace("\u2014", "-"))
    cleaned = re.sub(r"[^A-Z0-9-]", "", ascii_name.upper())
    return re.sub(r"-{2,}", "-", cleaned).strip("-")


def file_name(parts: list[str], extension: str, *, limit: int = MAX_NAME) -> str:
    """Parts joined by ``_`` without empty ones, at most ``limit`` characters with the
    extension, never ending on a separator."""
    stem = "_".join(part for part in parts if part)
    stem = stem[: limit - len(extension)].rstrip("_-")
    return stem + extension


def person_file_name(
    day: datetime.date, kind: str, person: User, extension: str, *extra: str
) -> str:
    """JJJJMMDD_<KIND>_ACHTERNAAM_VOORNAAM<extra>: the POP's rule, also for the consent."""
    parts = [f"{day:%Y%m%d}", kind, name_part(person.last_name), name_part(person.first_name)]
    return file_name([*parts, *extra], extension)


def pop_filename(pop: PopVersion) -> str:
    """JJJJMMDD_POP_ACHTERNAAM_VOORNAAM.pdf on the agreement date; a draft says so."""
    when = timezone.localtime(pop.agreed_at).date() if pop.agreed_at else timezone.localdate()
    # The draft mark goes before the name is cut, so it survives a very long name.
    if pop.is_agreed:
        return person_file_name(when, "POP", pop.trajectory.worker, ".pdf")
    return person_file_name(when, "POP", pop.trajectory.worker, "_ONTWERP.pdf")


def render_pop_pdf(pop: PopVersion, *, appendix_html: str = "") -> bytes:
    """The POP document rendered now; with ``appendix_html`` (the cycle's worksheets)
    its pages follow. An agreed version is served from its stored document
    (``pop_document``), never from here."""
    until = timezone.localtime(pop.agreed_at).date() if pop.agreed_at else timezone.localdate()
    html = render_html(
        "plans/pop_pdf.html",
        {
            "pop": pop,
            "trajectory": pop.trajectory,
            "contacts": talks_with_worker(pop.trajectory, until),
        },
    )
    document = layout(html)
    if appendix_html:
        appendix = layout(appendix_html)
        document = document.copy(document.pages + appendix.pages)
    return to_pdf(document)


def freeze_pop_document(pop_id: int) -> AgreedPopDocument:
    """The stored document of an agreed version: rendered and stored the first time,
    then kept. Safe to run again: the file is named by its hash and the row is
    written last, so a run killed half-way leaves at most a file the next run reuses."""
    existing = AgreedPopDocument.objects.filter(pop_id=pop_id).first()
    if existing is not None:
        return existing
    full = pop_with_content(PopVersion.objects).get(pk=pop_id)
    if not full.is_agreed:
        raise ValueError(f"POP version {pop_id} is not agreed")
    data = render_pop_pdf(full)
    digest = hashlib.sha256(data).hexdigest()
    name = f"plans/agreed/{pop_id}/{digest}.pdf"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(data))
    document, _created = AgreedPopDocument.objects.get_or_create(
        pop_id=pop_id, defaults={"file": name, "sha256": digest, "size": len(data)}
    )
    return document


def pop_document(pop: PopVersion) -> bytes:
    """The bytes every download of a POP serves: an agreed version's stored document
    (stored now if it was agreed before documents were kept), a draft rendered live
    and marked ONTWERP."""
    if not pop.is_agreed:
        return render_pop_pdf(pop)
    document = freeze_pop_document(pop.pk)
    with document.file.open("rb") as stored:
        return stored.read()


def pop_document_with_appendix(pop: PopVersion, appendix_html: str) -> bytes:
    """The POP followed by the cycle's worksheets. An agreed version keeps its stored
    pages byte for byte as the first part; only the appendix is rendered now."""
    if not pop.is_agreed:
        return render_pop_pdf(pop, appendix_html=appendix_html)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pop_document(pop))))
    writer.append(PdfReader(io.BytesIO(to_pdf(layout(appendix_html)))))
    writer.add_metadata({"/Title": f"POP {pop.number} – {pop.trajectory.worker}"})
    writer._root_object[NameObject("/Lang")] = TextStringObject("nl")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
