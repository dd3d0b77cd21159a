from django.urls import path

from methods import agenda_views, views

app_name = "methods"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("nieuw/", views.method_create, name="method-create"),
    path("<int:pk>/", views.method_detail, name="method"),
    path("<int:pk>/aanpassen/", views.method_edit, name="method-edit"),
    path("kaartspellen/", views.decks, name="decks"),
    path("kaartspellen/nieuw/", views.deck_create, name="deck-create"),
    path("kaartspellen/<int:pk>/", views.deck_edit, name="deck-edit"),
    path("competenties/", views.competences, name="competences"),
    path("competenties/nieuw/", views.competence_create, name="competence-create"),
    path("competenties/<int:pk>/", views.competence_edit, name="competence-edit"),
    path("functieprofielen/nieuw/", views.profile_create, name="profile-create"),
    path("functieprofielen/<int:pk>/", views.profile_edit, name="profile-edit"),
    path("trajecten/<int:pk>/planning/", views.plan, name="plan"),
    path("trajecten/<int:pk>/planning/variant/", views.plan_variant, name="plan-variant"),
    path("trajecten/<int:pk>/planning/nieuw/", views.moment_create, name="moment-create"),
    path("trajecten/<int:pk>/planning/<int:moment_pk>/", views.moment_edit, name="moment-edit"),
    path(
        "trajecten/<int:pk>/planning/<int:moment_pk>/schrappen/",
        views.moment_delete,
        name="moment-delete",
    ),
    path("trajecten/<int:pk>/werkbladen/", views.worksheets, name="worksheets"),
    path("trajecten/<int:pk>/werkbladen/nieuw/", views.worksheet_create, name="worksheet-create"),
    path("inschatten/", views.sheets_to_rate, name="to-rate"),
    path("werkbladen/<int:pk>/inschatten/", views.worksheet_rate, name="worksheet-rate"),
    path("werkbladen/<int:pk>/", views.worksheet_detail, name="worksheet"),
    path("werkbladen/<int:pk>/invullen/", views.worksheet_edit, name="worksheet-edit"),
    path("werkbladen/<int:pk>/huiswerk/", views.homework_edit, name="homework"),
    path("werkbladen/<int:pk>/punten/<slug:side>/", views.scan_score, name="scan-score"),
    path("werkbladen/<int:pk>/verwijderen/", views.worksheet_delete, name="worksheet-delete"),
    path("werkbladen/<int:pk>/naar-samenvatting/", views.promote_summary, name="promote-summary"),
    path("werkbladen/<int:pk>/naar-actieplan/", views.promote_action, name="promote-action"),
    path(
        "werkbladen/<int:pk>/acties/<int:row_pk>/naar-actieplan/",
        views.promote_action,
        name="promote-scan-action",
    ),
    path(
        "werkbladen/<int:pk>/smart/<int:smart_pk>/naar-actieplan/",
        views.promote_action,
        name="promote-smart-action",
    ),
    path("agenda/", agenda_views.agenda_page, name="agenda"),
    path("agenda/nieuw-adres/", agenda_views.agenda_renew, name="agenda-renew"),
    path("agenda/<str:token>.ics", agenda_views.agenda_feed, name="agenda-feed"),
    path("agenda/uitnodiging/<slug:uid>.ics", agenda_views.talk_invite, name="talk-invite"),
    path("pop/<int:pk>/bijlage/", views.pop_appendix, name="pop-appendix"),
    path(
        "pop/<int:pk>/acties/<int:action_pk>/competentie/",
        views.action_develops,
        name="action-develops",
    ),
    path("werkbladen/<int:pk>/prenten/", views.picture_add, name="picture-add"),
    path("werkbladen/<int:pk>/prenten/<int:picture_pk>/", views.picture, name="picture"),
]
