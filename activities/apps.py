from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Aktiviteter och hämtordrar")

    def ready(self):
        from activities.help import HELP
        from activities.services.pickup import open_pickup_refusal
        from activities.views.activity import activity_menu_entry
        from activities.views.activity_search import (
            individual_tab,
            my_activities_tab,
            recipient_tab,
            recipient_tab_count,
        )
        from activities.views.patient_requests import patient_request_todo, recipient_section
        from activities.views.pickup import (
            my_pickups_tab,
            pickup_menu_entry,
            pickup_notice,
            pickup_return_links,
        )
        from inventory import tabs as individual_tabs
        from recipients import extensions
        from sesam import help as sesam_help
        from sesam import pages

        sesam_help.HELP.update(HELP)
        pages.register_tab("pickups", my_pickups_tab)
        extensions.register_menu_entry("pickup", pickup_menu_entry)
        extensions.register_notice(pickup_notice)
        extensions.register_return_check(open_pickup_refusal)
        pages.register_tab("activities", my_activities_tab)
        extensions.register_menu_entry("activity", activity_menu_entry)
        extensions.register_tab("aktiviteter", recipient_tab)
        extensions.register_tab_count("aktiviteter", recipient_tab_count)
        extensions.register_return_link(pickup_return_links)
        individual_tabs.register("aktiviteter", individual_tab)
        pages.register_todo(patient_request_todo)  # BEY-15
        extensions.register_section(recipient_section)  # BEY-15
