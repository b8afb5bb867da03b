"""Help texts of the inventory pages (HOME-6), keyed by URL name; merged into
`sesam.help.HELP` when the app is ready (inventory.apps)."""

from django.utils.translation import gettext_lazy as _

HELP = {
    "article_search": _(
        "Sök på artikelnummer, benämning eller del av den, leverantörens namn eller leverantörens "
        "artikelnummer. Skriv minst 3 tecken; flera sökord skiljs med mellanslag och alla måste "
        "stämma. Välj Sortimentsartiklar (i första hand) eller Alla artiklar, och artikeltyp. "
        "Under Visa tillgänglighet för väljer du lager: med färre än 50 träffar visas tillgängligt "
        "saldo direkt, annars klickar du Visa på raden. Lager 750 (inköpslager) visar aldrig "
        "saldo. Under Välj kolumner bestämmer du vilka kolumner som visas; valet sparas."
    ),
    "article_detail": _(
        "Artikelns leverantör, leverantörens artikelnummer, beskrivning och om den ingår i "
        "sortimentet. Flikarna visar tillgänglighet per lager (status, leveranstid vid nyinköp och "
        "ersättningsgrupp för lager 70), artikelinformation, priser, lagersaldon och dokument. "
        "Artiklar med status Utgående eller Utgått kan inte köpas in och förskrivs bara från eget "
        "förråd där det finns saldo."
    ),
    "catalogue": _(
        "Sortimentskatalogen visar hjälpmedel inom dina produktområden ordnade efter ISO-kod. "
        "Klicka dig ner från 2- via 4- till 6-siffernivån, där artiklarna listas."
    ),
    "catalogue_node": _(
        "Klicka på en ISO-kod för att gå en nivå ner, eller på en länk i sökvägen för att gå upp. "
        "På 6-siffernivån listas artiklarna; flera leverantörer visas sida vid sida."
    ),
    "suppliers": _("Adress, telefon, e-post och kontaktperson för leverantörerna."),
    "stock_warehouse": _(
        "Välj tjänsteställe för att se dess lager. Sök på benämning (minst 3 tecken) eller sök "
        "med tomt fält för att se allt. Filtrera på artikeltyp och saldo. Lagersaldorapport "
        "skapar en PDF med alla artiklar som har saldo. Saldot är inte inventerat: titta på "
        "hyllan om du är osäker."
    ),
    "individual_search": _(
        "Skriv hela individnumret eller en del av det (minst 3 tecken) och klicka Sök. Byt Sök i "
        "till SIP-nummer för att söka på SIP-nummer. Status visar Levererad eller På lager med "
        "lagret."
    ),
    "individual_detail": _(
        "Statusrutan visar var individen finns. SIP-numret ändras med pennan och sparas med den "
        "gröna bocken. Under Registrera/skapa finns Byte av individnummer och Retur till "
        "leverantör (bara för en individ på ditt eget lager). Serienummer ändras bara av "
        "Hjälpmedel."
    ),
    "supplier_return": _(
        "Retur till leverantör görs när leverantören levererat fel eller när du beställt fel. "
        "Kontakta leverantören först och kontrollera att returen är möjlig. Returorsaken är "
        "alltid Kreditering; skriv anledningen i Kommentar och klicka Skapa retur. Individen "
        "lämnar då ditt lager. Skriv ut retursedeln (Skapa pdf) och skicka den med hjälpmedlet. "
        "Icke individmärkta hjälpmedel returneras via Hjälpmedel."
    ),
    "supplier_return_done": _(
        "Klicka Skapa pdf, skriv ut retursedeln och packa den tillsammans med hjälpmedlet."
    ),
    "individual_change_number": _(
        "Bocka i att du bekräftar att detta är rätt individ, skriv det nya individnumret och "
        "klicka Fortsätt. Numret måste vara unikt."
    ),
    "stocktakes": _(
        "Inventering av ert lager görs en gång per år (oftast i november) när Hjälpmedel har "
        "startat den. Öppna den pågående inventeringen för att räkna. Underlaget har de artiklar "
        "som använts mot lagret sedan förra inventeringen och de som har saldo (huvudhjälpmedel, "
        "tillbehör och reservdelar, inga tjänster)."
    ),
    "stocktake": _(
        "Skriv det antal som finns på hyllan för varje artikel (0 om den saknas) och bocka i de "
        "individer du hittar. Spara så ofta du vill. Skapa pdf ger underlaget att räkna på papper. "
        "Slutför inventering visar differenserna innan du bekräftar; individer som inte är "
        "hittade flyttas till utredningslager 99. Hittas en individ senare: meddela Hjälpmedel "
        "(hjalpmedel@skane.se) med artikelnummer, individnummer och lagernummer."
    ),
    "stocktake_finish": _(
        "Kontrollera differenserna och individerna som flyttas till utredningslager, och klicka "
        "Ja, slutför inventering. Saldona justeras och det går inte att ångra. Har något tagits ut "
        "sedan du räknade räknas det med."
    ),
}
