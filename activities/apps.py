from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Aktiviteter och hämtordrar")

    def ready(self):
        from activities.help import HELP
        from activities.views.activity_search import (
            individual_tab,
            my_activities_tab,
            recipient_tab,
        )
        from inventory import tabs as individual_tabs
        from recipients import tabs as recipient_tabs
        from sesam import help as sesam_help
        from sesam import pages

        sesam_help.HELP.update(HELP)
        pages.register_tab("activities", my_activities_tab)
        recipient_tabs.register("aktiviteter", recipient_tab)
        individual_tabs.register("aktiviteter", individual_tab)
