from django.urls import path

from sociaalhuis.tenants import views

app_name = "tenants"
urlpatterns = [path("", views.reference_data, name="reference_data")]
