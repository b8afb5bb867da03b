"""Help texts of the activity pages (HOME-6), keyed by view name; merged into
`sesam.help.HELP` when the app is ready (activities.apps)."""

from django.utils.translation import gettext_lazy as _

HELP = {
    "activities:start": _(
        "Välj aktivitetstyp – en infotext beskriver när typen används. Kontrollera att "
        "tjänstestället är rätt (ditt standardtjänsteställe är förvalt) och klicka Nästa. "
        "Mottagaren måste vara aktiv och ha ett telefonnummer. Typer märkta BARN! gäller "
        "endast barn (under 20 år)."
    ),
    "activities:devices": _(
        "Välj tjänsteprodukt och bocka i hjälpmedlet som aktiviteten gäller. Bara hjälpmedel "
        "som är levererade till mottagaren visas. Vid installation väljer du endast ett "
        "hjälpmedel – en aktivitet per installation."
    ),
    "activities:action": _(
        "Beskriv i Önskad åtgärd vad som ska göras (felbeskrivning). För enskild förskrivning "
        "utanför sortiment fyller du i ansökan enligt checklistan. Högst 5 000 tecken."
    ),
    "activities:address": _(
        "Välj adress i listan eller Annan adress och skriv den. Kontrollera kontaktuppgifterna "
        "och klicka Skicka. Enskild förskrivning utanför sortiment behöver ingen adress."
    ),
    "activities:sent": _(
        "Aktiviteten är skapad. Gå till aktivitetsdetaljer för att skapa pdf och skicka den "
        "till leverantören via post eller e-post."
    ),
    "activities:detail": _(
        "Aktivitetens uppgifter i fällbara avsnitt, även Hjälpmedels teknikers kommentarer och "
        "bilagor. Under Registrera/skapa finns Skapa pdf för aktivitet och "
        "Återrapportera/avsluta aktivitet. Har leverantören skickat en ny enhet byter du "
        "individnummer på individen (Byte av individnummer)."
    ),
    "activities:pdf_form": _(
        "Skriv en kommentar som följer med på utskriften (frivilligt) och klicka Skapa pdf."
    ),
    "activities:report_back": _(
        "Skriv i Utförd åtgärd vad leverantören gjort. Gäller inte garantin: bocka i Ej "
        "garanti. Bocka i Avsluta och klicka Spara ändringar."
    ),
    "activities:search": _(
        "Snabbsökning: skriv hela aktivitetsnumret och klicka Välj. Sök aktivitet: välj "
        "tjänsteställe och period under Registrerad och klicka Sök. Klicka på en kolumnrubrik "
        "för att sortera, igen för omvänd ordning."
    ),
}
