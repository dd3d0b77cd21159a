"""The portfolio's pages. They keep the "plans" URL namespace (popsite/urls.py joins
them to plans.urls), so every URL name and address stays as it was."""

from django.urls import path

from plans.portfolio import (
    grant_views,
    leader_views,
    portfolio_views,
    reminder_views,
    talk_views,
)

urlpatterns = [
    # Portfolio, access granted by the worker, progress talks, reminders (issue 5)
    path("trajecten/<int:pk>/portfolio/", portfolio_views.portfolio_page, name="portfolio"),
    path("trajecten/<int:pk>/portfolio/groei/", portfolio_views.growth_page, name="growth"),
    path("trajecten/<int:pk>/portfolio/vergelijken/", portfolio_views.compare_page, name="compare"),
    path("trajecten/<int:pk>/inzage/", grant_views.grant_list, name="grants"),
    path(
        "trajecten/<int:pk>/inzage/<int:grant_pk>/intrekken/",
        grant_views.grant_revoke,
        name="grant-revoke",
    ),
    path("gedeeld/", grant_views.shared_portfolios, name="shared-portfolios"),
    path(
        "pop/<int:pk>/acties/<int:item_pk>/bewijs/",
        portfolio_views.evidence_create,
        name="evidence-create",
    ),
    path("bewijs/<int:pk>/", portfolio_views.evidence_file, name="evidence-file"),
    path("pop/<int:pk>/terugblik/", portfolio_views.reflection_edit, name="reflection"),
    path("trajecten/<int:pk>/periodes/nieuw/", portfolio_views.period_create, name="period-create"),
    path(
        "trajecten/<int:pk>/periodes/<int:period_pk>/afsluiten/",
        portfolio_views.period_close,
        name="period-close",
    ),
    path(
        "trajecten/<int:pk>/voortgangsgesprekken/nieuw/",
        talk_views.talk_create,
        name="talk-create",
    ),
    path("voortgangsgesprek/<int:pk>/", talk_views.talk_detail, name="talk"),
    path("voortgangsgesprek/<int:pk>/voorbereiding/", talk_views.talk_prepare, name="talk-prepare"),
    path("voortgangsgesprek/<int:pk>/notities/", talk_views.talk_notes, name="talk-notes"),
    path("voortgangsgesprek/<int:pk>/verslag/", talk_views.talk_record, name="talk-record"),
    path(
        "voortgangsgesprek/<int:pk>/nieuwe-pop/", talk_views.talk_draft_pop, name="talk-draft-pop"
    ),
    path("mijn-herinneringen/", reminder_views.reminder_settings, name="reminder-settings"),
    # For leaders: team matrix and POP templates.
    path("team/", leader_views.team_matrix, name="team-matrix"),
    path("mijn-pop/team/", leader_views.my_team, name="my-team"),
    path("mijn-pop/team/<int:pk>/", leader_views.my_team_share, name="my-team-share"),
    path("sjablonen/", leader_views.template_list, name="templates"),
    path("sjablonen/<int:pk>/", leader_views.template_detail, name="template"),
    path(
        "sjablonen/<int:pk>/voorstellen/<int:item_pk>/verwijderen/",
        leader_views.template_item_delete,
        name="template-item-delete",
    ),
    path("pop/<int:pk>/uit-sjabloon/", leader_views.pop_from_template, name="pop-from-template"),
]
