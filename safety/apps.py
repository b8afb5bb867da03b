from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    """Patient safety (BEY-5 recalls, BEY-9 deviations, BEY-14 register events): the top of
    the import order; the lower apps learn of it only through their registries."""

    name = "safety"
    verbose_name = _("Patientsäkerhet")

    def ready(self):
        from inventory import tabs as individual_tabs
        from orders import extensions as order_links
        from recipients import extensions
        from safety.help import HELP
        from safety.views.deviation import (
            individual_tab,
            my_deviations_tab,
            order_line_link,
            receipt_link,
            recipient_menu_entry,
        )
        from safety.views.register import death_notice, proposal_todo
        from sesam import help as sesam_help
        from sesam import pages

        sesam_help.HELP.update(HELP)
        pages.register_tab("deviations", my_deviations_tab)
        extensions.register_menu_entry("deviation", recipient_menu_entry)
        individual_tabs.register("avvikelser", individual_tab)
        order_links.register_line_link(order_line_link)
        order_links.register_receipt_link(receipt_link)
        pages.register_todo(proposal_todo)
        extensions.register_notice(death_notice)
