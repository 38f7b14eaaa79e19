from django.urls import URLPattern

app_name = "dossierplan"

urlpatterns: list[URLPattern] = []
