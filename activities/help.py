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
    "activities:activity_start": _(
        "Välj aktivitetstyp – en infotext beskriver när typen används. Kontrollera att "
        "tjänstestället är rätt (ditt standardtjänsteställe är förvalt) och klicka Nästa. "
        "Mottagaren måste vara aktiv och ha ett telefonnummer. Typer märkta BARN! gäller "
        "endast barn (under 20 år)."
    ),
    "activities:activity_devices": _(
        "Välj tjänsteprodukt och bocka i hjälpmedlet som aktiviteten gäller. Bara hjälpmedel "
        "som är levererade till mottagaren visas. Vid installation väljer du endast ett "
        "hjälpmedel – en aktivitet per installation."
    ),
    "activities:activity_action": _(
        "Beskriv i Önskad åtgärd vad som ska göras (felbeskrivning). För enskild förskrivning "
        "utanför sortiment fyller du i ansökan enligt checklistan. Högst 5 000 tecken."
    ),
    "activities:activity_address": _(
        "Välj adress i listan eller Annan adress och skriv den. Kontrollera kontaktuppgifterna "
        "och klicka Skicka. Enskild förskrivning utanför sortiment behöver ingen adress."
    ),
    "activities:activity_sent": _(
        "Aktiviteten är skapad. Gå till aktivitetsdetaljer för att skapa pdf och skicka den "
        "till leverantören via post eller e-post."
    ),
    "activities:activity_detail": _(
        "Aktivitetens uppgifter i fällbara avsnitt, även Hjälpmedels teknikers kommentarer och "
        "bilagor. Under Registrera/skapa finns Skapa pdf för aktivitet och "
        "Återrapportera/avsluta aktivitet. Har leverantören skickat en ny enhet byter du "
        "individnummer på individen (Byte av individnummer)."
    ),
    "activities:activity_pdf_form": _(
        "Skriv en kommentar som följer med på utskriften (frivilligt) och klicka Skapa pdf."
    ),
    "activities:activity_report_back": _(
        "Skriv i Utförd åtgärd vad leverantören gjort. Gäller inte garantin: bocka i Ej "
        "garanti. Bocka i Avsluta och klicka Spara ändringar."
    ),
    "activities:activity_search": _(
        "Snabbsökning: skriv hela aktivitetsnumret och klicka Välj. Sök aktivitet: välj "
        "tjänsteställe och period under Registrerad och klicka Sök. Klicka på en kolumnrubrik "
        "för att sortera, igen för omvänd ordning."
    ),
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
    # BEY-15
    "activities:patient_requests": _(
        "Patienter som har anmält fel på ett hjälpmedel eller vill lämna tillbaka det via sina "
        "egna sidor, äldst först. Skapa aktivitet skapar direkt en garantireparation med "
        "patientens beskrivning och enhetens adress; Skapa hämtorder skapar direkt en hämtorder "
        "för hjälpmedlet. Avböj kräver ett skäl – patienten ser det du skriver."
    ),
    "activities:patient_request_decline": _(
        "Skriv varför förfrågan avböjs och vad patienten kan göra i stället, till exempel komma "
        "in på mottagningen. Patienten ser texten på sina egna sidor."
    ),
}
