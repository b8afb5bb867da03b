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
    "safety:deviation_new": _(
        "Rapportera en avvikelse eller reklamation: välj hjälpmedlet (från mottagaren), typ och "
        "beskriv vad som hänt. En negativ händelse eller ett tillbud ska rapporteras till "
        "Läkemedelsverket: ange då händelsedatum och konsekvens för patienten (UDI/GTIN om du "
        "har den). Bifoga gärna foto eller dokument (pdf, jpg, png, högst 10 MB)."
    ),
    "safety:deviation_detail": _(
        "Avvikelsen med status, historik och bilagor. Hjälpmedel utreder och flyttar den: "
        "Registrerad → Under utredning → Åtgärdad/Avslutad; du får ett meddelande vid varje "
        "ändring. Rapport till Läkemedelsverket skapar underlaget som pdf (ålder och kön, aldrig "
        "personnummer)."
    ),
    "safety:deviation_search": _(
        "Avvikelser som dina tjänsteställen har rapporterat. Sök på nummer, status eller typ."
    ),
    "safety:proposal_list": _(
        "Folkbokföringen har meddelat att mottagarna har avlidit. Skapa en hämtorder för "
        "hjälpmedlen, eller markera förslaget som hanterat om de redan är omhändertagna. "
        "Hämtordern skapas aldrig automatiskt."
    ),
}
