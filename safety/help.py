"""Help texts of the patient-safety pages (HOME-6), keyed by view name; merged into
`sesam.help.HELP` when the app is ready (safety.apps)."""

from django.utils.translation import gettext_lazy as _

HELP = {
    "safety:recall_list": _(
        "Återkallelser som Hjälpmedel har registrerat, senaste först. Kräver behörigheten "
        "Återkallelse. Klicka Ny återkallelse för att spåra en artikels serienummer."
    ),
    "safety:recall_new": _(
        "Ange artikelnumret och serienumren: ett per rad, ett intervall som FRÅN-TILL "
        "(lika långa nummer som skiljer sig i slutsiffrorna) eller en batch som LOT:prefix. "
        "Du kan också ladda upp en textfil eller CSV med numren i första kolumnen. Stora och små "
        "bokstäver spelar ingen roll. Individer i lager spärras direkt mot utleverans."
    ),
    "safety:recall_detail": _(
        "Alla individer som återkallelsen träffar, med status, plats, enhet och förskrivare. "
        "Exportera listan (CSV eller Excel), skriv ut breven till mottagarna (skyddad identitet "
        "får ingen adress; brevet skickas via Skatteverket), skicka meddelande till de "
        "förskrivande enheterna och häv spärren när individerna är kontrollerade."
    ),
}
