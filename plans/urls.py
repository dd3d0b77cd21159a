from django.urls import path

from plans import (
    grant_views,
    leader_views,
    portfolio_views,
    reminder_views,
    talk_views,
    views,
)

app_name = "plans"

urlpatterns = [
    path("coach/", views.coach_home, name="coach-home"),
    path("coach/archief/", views.coach_archive, name="coach-archive"),
    path("mijn-pop/", views.worker_home, name="worker-home"),
    path("mijn-pop/gegevens/", views.my_data, name="my-data"),
    path("mijn-pop/wat-is-een-pop/", views.what_is_a_pop, name="what-is-a-pop"),
    path("mijn-pop/inzage/", views.who_looked, name="who-looked"),
    path("trainer/", views.trainer_home, name="trainer-home"),
    path("ambassadeur/", views.ambassador_home, name="ambassador-home"),
    path("trajecten/nieuw/", views.trajectory_create, name="trajectory-create"),
    path("trajecten/<int:pk>/", views.trajectory_detail, name="trajectory"),
    path("trajecten/<int:pk>/aanpassen/", views.trajectory_edit, name="trajectory-edit"),
    path("trajecten/<int:pk>/fase/", views.trajectory_phase, name="trajectory-phase"),
    path("trajecten/<int:pk>/opvolg-pop/", views.follow_up_start, name="follow-up-start"),
    path("trajecten/<int:pk>/contactmomenten/nieuw/", views.contact_create, name="contact-create"),
    path(
        "trajecten/<int:pk>/contactmomenten/<int:contact_pk>/",
        views.contact_edit,
        name="contact-edit",
    ),
    path(
        "trajecten/<int:pk>/contactmomenten/<int:contact_pk>/verwijderen/",
        views.contact_delete,
        name="contact-delete",
    ),
    path("pop/<int:pk>/", views.pop_detail, name="pop"),
    path("pop/<int:pk>/pdf/", views.pop_pdf, name="pop-pdf"),
    path("pop/<int:pk>/akkoord/", views.pop_agree, name="pop-agree"),
    path("pop/<int:pk>/klaar/", views.pop_ready, name="pop-ready"),
    path("pop/<int:pk>/nieuwe-versie/", views.pop_revise, name="pop-revise"),
    path("pop/<int:pk>/evaluatie/", views.pop_evaluations, name="evaluations"),
    path("pop/<int:pk>/algemeen-doel/", views.overall_goal_edit, name="overall-goal"),
    path("pop/<int:pk>/samenvatting/nieuw/", views.summary_create, name="summary-create"),
    path("pop/<int:pk>/doelen/nieuw/", views.goal_create, name="goal-create"),
    path("pop/<int:pk>/doelen/<int:item_pk>/", views.goal_edit, name="goal-edit"),
    path("pop/<int:pk>/acties/nieuw/", views.action_create, name="action-create"),
    path("pop/<int:pk>/acties/<int:item_pk>/", views.action_edit, name="action-edit"),
    path(
        "pop/<int:pk>/acties/<int:item_pk>/voortgang/",
        views.action_progress,
        name="action-progress",
    ),
    path(
        "pop/<int:pk>/<str:part>/<int:item_pk>/verwijderen/",
        views.part_delete,
        name="part-delete",
    ),
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
