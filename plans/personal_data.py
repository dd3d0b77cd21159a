"""Everything the app holds about one worker, as a readable PDF per POP version and one JSON file."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder

from plans.models import PopVersion, ProgressTalk, Trajectory
from plans.pdf import pop_document, pop_filename
from plans.selectors import pop_with_content
from popsite.accounts.models import User

# What the apps built on plans hold about the worker, each under its own key: they add
# their part in their AppConfig.ready (the portfolio: "inzage_in_portfolio",
# "teammatrix"; registration: "registratie").
PARTS: dict[str, Callable[[User], object]] = {}


def add_part(key: str, part: Callable[[User], object]) -> None:
    PARTS[key] = part


def personal_data(user: User) -> dict:
    trajectories = Trajectory.objects.filter(worker=user).select_related("organisation")
    pops = (
        pop_with_content(PopVersion.objects.filter(trajectory__worker=user))
        .select_related("reflection")
        .prefetch_related("actions__evidence")
        .order_by("trajectory_id", "number")
    )
    return {
        "persoon": {
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "e-mail": user.email,
            "inlognaam": user.login_name,
            "geboortedatum": user.birth_date,
            "rollen": [
                {"organisatie": m.organisation.name, "rol": m.get_role_display()}
                for m in user.memberships.select_related("organisation")
            ],
        },
        "trajecten": [
            {
                "organisatie": t.organisation.name,
                "variant": t.get_variant_display(),
                "fase": t.get_phase_display(),
                "gestart_op": t.started_on,
                "contactmomenten": [
                    {
                        "datum": c.date,
                        "fase": c.get_phase_display(),
                        "soort": c.get_kind_display(),
                        "duur_minuten": c.duration_minutes,
                        "notities": c.notes,
                    }
                    for c in t.contact_moments.all()
                ],
            }
            for t in trajectories.prefetch_related("contact_moments")
        ],
        "pop_versies": [_pop(pop) for pop in pops],
        "voortgangsgesprekken": [
            {
                "datum": talk.planned_on,
                "terugblik": talk.self_reflection,
                "sterk_en_zwak": talk.strengths_weaknesses,
                "agendapunten": talk.agenda_points,
                "ontwerpdoelen": talk.draft_goals,
                "verslag": {
                    "agenda": talk.agenda,
                    "terugblik": talk.look_back,
                    "sterke_en_zwakke_punten": talk.record_strengths,
                    "competentieniveaus": talk.competence_levels,
                    "leerklimaat": talk.learning_climate,
                    "doelen_volgende_periode": talk.next_goals,
                },
            }
            for talk in ProgressTalk.objects.filter(trajectory__worker=user).order_by("planned_on")
        ],
        **{key: part(user) for key, part in PARTS.items()},
    }


def _pop(pop: PopVersion) -> dict:
    return {
        "organisatie": pop.trajectory.organisation.name,
        "versie": pop.number,
        "opvolg_pop": pop.is_follow_up,
        "afgesproken_op": pop.agreed_at,
        "algemeen_doel": pop.overall_goal,
        "samenvatting": [
            {
                "onderdeel": i.get_section_display(),
                "tekst": i.text,
                "competentie": i.get_competence_display(),
            }
            for i in pop.summary_items.all()
        ],
        "doelen": [
            {
                "doel": g.goal,
                "aanleiding": g.reason,
                "resultaat": g.result,
                "tijd": g.timing,
                "evaluatie": g.evaluation,
            }
            for g in pop.goals.all()
        ],
        "acties": [
            {
                "actie": a.description,
                "wie_helpt": a.helper,
                "tegen_wanneer": a.deadline,
                "verwacht_resultaat": a.expected_result,
                "competentie": a.get_competence_display(),
                "voortgang": a.progress,
            }
            for a in pop.actions.all()
        ],
        "terugblik": {
            "doelen_gehaald": pop.reflection.goals_reached,
            "hoe_hielp_de_begeleiding": pop.reflection.guidance_helped,
            "rollen": pop.reflection.roles,
        }
        if hasattr(pop, "reflection")
        else None,
        "bewijsstukken": [
            {"actie": a.description, "toelichting": e.note, "bestand": e.file_name}
            for a in pop.actions.all()
            for e in a.evidence.all()
        ],
        "evaluatie_vorige_pop": [
            {
                "actie": e.action.description,
                "stand": e.score,
                "meenemen": e.carry_over,
                "opmerking": e.remark,
            }
            for e in pop.evaluations.all()
        ],
    }


def personal_data_zip(user: User) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = personal_data(user)
        archive.writestr(
            "mijn-gegevens.json",
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        pops = pop_with_content(PopVersion.objects.filter(trajectory__worker=user))
        for pop in pops.order_by("trajectory_id", "number"):
            name = pop_filename(pop).removesuffix(".pdf")
            archive.writestr(f"pop/{name}_v{pop.number}.pdf", pop_document(pop))
    return buffer.getvalue()
