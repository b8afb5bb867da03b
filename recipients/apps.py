from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecipientsConfig(AppConfig):
    name = "recipients"
    verbose_name = _("Mottagare")

    def ready(self):
        from recipients.help import HELP
        from sesam import help as sesam_help

        sesam_help.HELP.update(HELP)
