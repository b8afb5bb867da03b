"""Help texts of the activity and pickup-order pages (HOME-6), keyed by view name; merged into
`sesam.help.HELP` when the app is ready (activities.apps)."""

from django.utils.translation import gettext_lazy as _

_WIZARD = _(
    "Hämtorder används när ett hjälpmedel inte längre ska användas av patienten och ska "
    "returneras till huvudlager i Staffanstorp. Välj hämtorderorsak Skickas till centrallager "
    "med post (den enda inom Hörsel) och kontrollera tjänstestället, markera hjälpmedlen, "
    "kontrollera kontaktuppgifterna och skriv orsaken till returen. Klicka Skapa hämtorder. "
    "Hjälpmedlet ligger kvar på patientens hjälpmedelslista tills centrallagret har tagit emot "
    "det."
)

HELP = {
    "activities:pickup_start": _WIZARD,
    "activities:pickup_reason": _WIZARD,
    "activities:pickup_devices": _WIZARD,
    "activities:pickup_address": _WIZARD,
    "activities:pickup_created": _(
        "Klicka Visa utskrift och skriv ut hämtordern. Lägg lappen tillsammans med produkten "
        "och skicka den i vadderat kuvert till Verksamhetsområde Hjälpmedel, Truckstigen 2, "
        "245 34 Staffanstorp. Märk kuvertet med Hörsel. Gör kontrollen enligt checklistan – den "
        "ska inte skickas med."
    ),
    "activities:pickup_detail": _(
        "Hämtorderns uppgifter i fällbara avsnitt: huvud, hjälpmedel, adress och kontakt, "
        "historik. Status Registrerad – ej åtgärdad, Stängd – åtgärdad (hjälpmedlen har kommit "
        "till centrallagret och visas under Återlämnat), Makulerad. Under Registrera/skapa: "
        "Skapa pdf skriver ut hämtordern igen; Makulera så länge den är Registrerad."
    ),
    "activities:pickup_cancel": _(
        "Bekräfta med Ja, makulera. Hjälpmedlen ligger kvar hos mottagaren och kan läggas på en "
        "ny hämtorder. Det går inte att ångra."
    ),
    "activities:pickup_search": _(
        "Snabbsökning: skriv hela hämtordernumret och klicka Välj. Sök hämtorder: välj "
        "tjänsteställe och period under Registrerad och klicka Sök. Du ser alla hämtordrar på "
        "tjänstestället, även dina kollegors. Klicka på en kolumnrubrik för att sortera, igen "
        "för omvänd ordning. Klicka på numret för att se hämtordern och skriva ut den igen."
    ),
}
