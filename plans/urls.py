from django.urls import path

from plans import views

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
]
