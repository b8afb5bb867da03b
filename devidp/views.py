"""The provider's own pages: pick a demo person (and, for staff, a medarbetaruppdrag)."""

from django.contrib.auth import login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from devidp.models import Person


@require_http_methods(["GET", "POST"])
def sign_in(request):
    """GET: the demo people, one button per assignment. POST choice="<person>:<unit HSA-id>"
    signs that person in with that assignment and goes back to the authorization."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if request.method == "POST":
        person_id, _, unit = request.POST.get("choice", "").partition(":")
        person = get_object_or_404(Person, pk=person_id if person_id.isdigit() else 0)
        if person.kind == Person.Kind.STAFF and not person.unit_name(unit):
            return render(request, "devidp/sign_in.html", _context(next_url), status=400)
        Person.objects.filter(pk=person.pk).update(chosen_unit=unit)
        login(request, person.user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(next_url)
    return render(request, "devidp/sign_in.html", _context(next_url))


def _context(next_url):
    people = list(Person.objects.all())
    return {
        "next": next_url,
        "staff": [p for p in people if p.kind == Person.Kind.STAFF],
        "citizens": [p for p in people if p.kind == Person.Kind.CITIZEN],
    }


@require_GET
def home(request):
    return render(request, "devidp/home.html")
