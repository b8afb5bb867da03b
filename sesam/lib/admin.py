"""Admin pieces every app shares: what Hjälpmedel may not do by hand in Django admin, because
the services make and change those rows (they lock, check and record)."""


class ServicesOnlyMixin:
    """Rows made through the services: admin neither adds nor deletes them (it may change
    the fields its form leaves editable, through a service in `save_model`)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyMixin(ServicesOnlyMixin):
    """A record (history, log, receipt): admin shows and searches it, never changes it."""

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyInlineMixin:
    """An inline of a record's rows (its lines, its history): shown, never added or removed."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False
