from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogreviewConfig(AppConfig):
    name = "logreview"
    verbose_name = _("Logggranskning")

    def ready(self):
        from logreview.help import HELP
        from logreview.views import review_todo
        from sesam import help as sesam_help
        from sesam import pages

        sesam_help.HELP.update(HELP)
        pages.register_todo(review_todo)
