from django.urls import path

from popsite.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("beheer/", views.admin_home, name="admin-home"),
    path("gezond/", views.health, name="health"),
]
