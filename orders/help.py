"""Help texts of the order pages (HOME-6), keyed by view name ("orders:detail": other apps
have a "detail" too); merged into `sesam.help.HELP` when the app is ready (orders.apps)."""

from django.utils.translation import gettext_lazy as _

HELP = {
    "orders:refill": _(
        "Lagerpåfyllnad fyller på ditt förråd. Kontrollera att tjänstestället är rätt – det "
        "styr vart hjälpmedlen levereras och vilket lager som fylls på – och klicka Nästa. "
        "Varukorgen blir Pågående lagerpåfyllnad. Sök fram artiklarna och klicka Beställ; ange "
        "antal (skriv eller använd − och +) och klicka Fortsätt. Samla gärna det du behöver i en "
        "beställning. Privata mottagningar har inget lager och kan inte göra lagerpåfyllnad."
    ),
    "orders:cart": _(
        "Kontrollera raderna. Ändra antal med − och + eller skriv antalet och klicka på bocken; "
        "krysset tar bort en rad. En lagerpåfyllnad levereras alltid till mottagningen/enheten "
        "(är adressen fel, kontakta Hjälpmedel). Klicka Skicka beställning. Rader från lager 750 "
        "kommer direkt från leverantören: skapa inköpsorder efteråt och kvittera leveransen."
    ),
    "orders:delivery": _(
        "Välj Leveranssätt. Under Välj adress väljer du mottagningens/enhetens adress eller "
        "patientens folkbokföringsadress (visas inte vid skyddad identitet); adressen hamnar i "
        "fältet Adress. Välj Ange adress manuellt för att skriva en annan adress. Kontrollera "
        "Kontaktuppgifter. Samleverans går inte när någon rad kommer direkt från leverantör "
        "(750). Klicka Skicka beställning."
    ),
    "orders:detail": _(
        "Beställningens uppgifter i fällbara avsnitt: huvud, rader med planerat leveransdatum, "
        "kommentar och kvittens, leverans, inköpsordrar (Skapa pdf) och historik. Under "
        "Registrera/skapa finns Skapa inköpsorder, Kvittera direktleverans och Makulera "
        "beställning när de är möjliga. En beställning kan makuleras så länge ingen inköpsorder "
        "är skapad och centrallagret inte har börjat plocka; uttag ur eget förråd kan aldrig "
        "makuleras."
    ),
    "orders:sent": _(
        "Beställningen är skickad. Har den rader från lager 750 klickar du Skapa inköpsorder: "
        "en inköpsorder skapas per leverantör. Klicka Skapa pdf, skriv ut eller spara och skicka "
        "inköpet till leverantören via brev eller e-post. Glöm inte att kvittera vid leverans."
    ),
    "orders:search": _(
        "Snabbsökning: skriv hela beställningsnumret och klicka Välj. Sök beställning: välj "
        "tjänsteställe och period under Registrerad och klicka Sök. Under Visa fler sökkriterier "
        "finns Visa okvitterade direktleveranser. Klicka på en kolumnrubrik för att sortera, "
        "igen för omvänd ordning. Klicka på beställningsnumret för att se beställningen."
    ),
    "orders:receive": _(
        "Välj om du skriver ett inköpsnummer (står oftast överst på följesedeln) eller ett "
        "beställningsnummer, skriv numret och klicka Välj. Markera de rader som fysiskt har "
        "levererats (rutan i kolumnrubriken markerar alla). Saknar raden pris anger du á-pris "
        "enligt följesedeln – dela en totalsumma med antalet. Ange individnummer och "
        "serienummer för individmärkta hjälpmedel. Klicka Kvittera. En rad kan inte "
        "delkvitteras: kontakta Hjälpmedel vid ofullständig leverans. Rader som inte kan "
        "levereras makulerar du med Makulera rader – meddela då leverantören."
    ),
    "orders:cancel": _(
        "Bekräfta med Ja, makulera. Alla rader makuleras och reserverat saldo på centrallagret "
        "släpps. Det går inte att ångra."
    ),
}
