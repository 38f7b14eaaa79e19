from django.urls import URLPattern

app_name = "frontdesk"

urlpatterns: list[URLPattern] = []
