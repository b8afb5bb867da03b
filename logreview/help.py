"""Help texts of Logggranskning (HOME-6), merged into `sesam.help.HELP` (logreview.apps)."""

from django.utils.translation import gettext_lazy as _

HELP = {
    "logreview:search": _(
        "Sök i åtkomstloggen på mottagare (personnummer), användare, tjänsteställe och period. "
        "Med ett personnummer kan du skapa patientens loggutdrag som pdf. Din sökning loggas "
        "också."
    ),
    "logreview:samples": _(
        "Dra ett slumpmässigt stickprov av åtkomsterna under en period. Åtkomster till mottagare "
        "som saknar beställning, aktivitet, hämtorder och hjälpmedel vid användarens "
        "tjänsteställen kommer först. Samma slumpfrö och period ger samma stickprov."
    ),
    "logreview:sample": _(
        "Granska varje åtkomst: Granskad om den var befogad, Ifrågasatt med en kommentar om "
        "inte. En bedömning kan inte ändras; en ny bedömning läggs till och den senaste gäller."
    ),
}
