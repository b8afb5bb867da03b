from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecipientsConfig(AppConfig):
    name = "recipients"
    verbose_name = _("Mottagare")

    def ready(self):
        from billing.selectors import register_recipient_lookup
        from recipients.help import HELP
        from recipients.selectors import recipient_labels
        from recipients.tiles import trials_tile
        from recipients.trials import overdue_trials_todo
        from sesam import help as sesam_help
        from sesam import pages, tiles

        sesam_help.HELP.update(HELP)
        pages.register_todo(overdue_trials_todo)  # BEY-2
        tiles.register_tile(trials_tile)  # BEY-10
        register_recipient_lookup(recipient_labels)  # BEY-10: Avgifter att fakturera
