"""Sök artikel settings (ART-5)."""

from django.utils.translation import gettext as _

from inventory.models import (
    ArticleColumnChoice,
)
from sesam import frame
from sesam.exceptions import SesamError
from sesam.models import User

# --- Sök artikel settings (ART-5) ---------------------------------------------------------


def save_article_columns(*, by: User, columns: list[str]) -> ArticleColumnChoice:
    """ART-5: the result columns the user chose, kept until changed. Unknown keys are
    dropped; the order is the catalogue's. The article number is kept when neither number
    nor name is chosen, so that every row still links to its article."""
    chosen = [key for key in ArticleColumnChoice.COLUMNS if key in set(columns)]
    if not chosen:
        raise SesamError(_("Välj minst en kolumn att visa."))
    if "number" not in chosen and "name" not in chosen:
        chosen.insert(0, "number")
    choice, _created = ArticleColumnChoice.objects.update_or_create(
        user=by, defaults={"columns": chosen}
    )
    frame.forget(by, "article_column_keys")  # read with the user (QUA-D540)
    return choice
