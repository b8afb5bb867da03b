"""The portal's URLs plus the benchmark's baseline: a bare Django view that reads one row,
behind the same middleware (session, login, service location) as every page. Only in the
bench settings; production's URLconf has no such view."""

from django.http import HttpResponse
from django.urls import path

from sesam.models import ServiceLocation
from sesam.urls import handler500
from sesam.urls import urlpatterns as portal

__all__ = ["handler500", "urlpatterns"]


def baseline(request):
    location = ServiceLocation.objects.only("name").order_by("pk").first()
    return HttpResponse(location.name)


urlpatterns = [path("bench/baseline/", baseline, name="bench_baseline"), *portal]
