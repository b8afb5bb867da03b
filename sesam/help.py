"""Help texts, one per page (HOME-6), keyed by the page's URL name."""

from django.utils.translation import gettext_lazy as _

HELP = {
    "start": _(
        "Överst visar startsidan vad som väntar på ditt aktiva tjänsteställe: okvitterade "
        "direktleveranser, öppna aktiviteter, hämtordrar som väntar, prov som slutar inom 7 dagar "
        "och artiklar under minsta saldo. Klicka på en ruta för att se raderna; siffrorna "
        "uppdateras inom en minut. Därunder finns fyra rutor: snabbsökningar "
        "(beställningsnummer, personnummer, artikel, individ), allmän information med länkar, "
        "sortimentskatalogen och nyheter för dina produktområden."
    ),
    "settings": _(
        "Välj varifrån dina förskrivningar normalt levereras: Hjälpmedelsverksamhet (centrallager "
        "eller leverantör) eller Eget förråd. Valet blir förvalt i beställningsdialogen och kan "
        "ändras vid varje beställning. Klicka Spara inställningar."
    ),
    "my_page": _(
        "Mina sidor visar dina personuppgifter (telefon och e-post redigeras med pennan och sparas "
        "med den gröna bocken), dina tjänsteställen med standard markerad, Att göra och flikarna "
        "Mina beställningar, Mina aktiviteter, Mina hämtordrar och Mina avvikelser."
    ),
    "message_list": _(
        "Meddelanden skapas av systemet, till exempel när en beställning levererats. Olästa "
        "meddelanden räknas i den blå listen. Ett meddelande markeras som läst när du öppnar det."
    ),
    "news_list": _("Nyheter för de produktområden du har behörighet till, senaste först."),
    "accessibility": _(
        "Så uppfyller portalen kraven på tillgänglighet och hur du rapporterar brister."
    ),
}

DEFAULT = _(
    "Här finns ännu ingen särskild hjälptext för sidan. Kontakta Hjälpmedel om du behöver hjälp."
)


def help_text_for(page: str):
    """The help of a page named by its view name ("orders:receive"); apps may key their texts
    by the bare URL name ("article_search") where it is unambiguous."""
    return HELP.get(page) or HELP.get(page.rpartition(":")[2]) or DEFAULT
