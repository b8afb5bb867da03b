"""Help texts of the recipient pages (HOME-6), keyed by view name; merged into
`sesam.help.HELP` when the app is ready (recipients.apps)."""

from django.utils.translation import gettext_lazy as _

HELP = {
    "recipients:return": _(
        "Retur från patient till eget lager. Välj det tjänsteställe där hjälpmedlet fysiskt "
        "lämnas tillbaka – lagret följer tjänstestället – och klicka Nästa. Bocka i kolumn Retur "
        "för de hjälpmedel som lämnas tillbaka och klicka Returnera artiklar: de försvinner från "
        "mottagarens lista, visas under fliken Återlämnat och läggs på lagrets saldo. Tjänsteköp "
        "och huvudhjälpmedel utan individnummer som kostar under 1 000 kr kan skrotas i stället "
        "(kolumn Skrota), till exempel när patienten flyttar från regionen. Privata mottagningar "
        "har inget lager och gör retur med hämtorder."
    ),
    "recipients:return_done": _(
        "Returen är registrerad. Skapa pdf öppnar returkvittot i en ny flik; du kan skriva ut det "
        "senare från fliken Återlämnat, där varje rad länkar till sitt returkvitto."
    ),
}
