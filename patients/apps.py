from django.apps import AppConfig


class PatientsConfig(AppConfig):
    """BEY-15: the patients' own pages at /patient/ (the top app: nothing imports it)."""

    name = "patients"
    verbose_name = "Mina hjälpmedel (patienter)"
    default_auto_field = "django.db.models.BigAutoField"
