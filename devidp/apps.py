from django.apps import AppConfig


class DevIdpConfig(AppConfig):
    name = "devidp"
    verbose_name = "Utvecklings-IdP"
    default_auto_field = "django.db.models.BigAutoField"
