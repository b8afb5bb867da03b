from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sesam import pages, services
from sesam.forms import PROFILE_FORMS, LoginForm, ServiceLocationChoiceForm, SettingsForm
from sesam.help import help_text_for
from sesam.lib.htmx import render_page, wants_partial
from sesam.middleware import SESSION_KEY
from sesam.models import Message, NewsItem
from sesam.tiles import start_tiles


def _login_choices() -> dict:
    """ACC-11: which ways in the login page offers (read per request: tests switch them)."""
    return {
        "password_login": settings.SESAM_PASSWORD_LOGIN,
        "siths_login": bool(settings.SESAM_OIDC_ISSUER),
    }


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request):
    """Logga in: "Logga in med SITHS" (sesam.signin) and, when SESAM_PASSWORD_LOGIN is on,
    the RS-id and password form (ACC-1). With it off a password POST is refused."""
    choices = _login_choices()
    if request.method == "POST" and not choices["password_login"]:
        context = {**choices, "password_refused": True}
        return render(request, "registration/login.html", context, status=403)
    view = auth_views.LoginView.as_view(
        authentication_form=LoginForm, redirect_authenticated_user=True, extra_context=choices
    )
    return view(request)


@require_GET
def start(request):
    """Startsidan (HOME-2): quick searches, general information, catalogue, news; above them
    the tiles of the work waiting at the current service location (BEY-10, sesam.tiles)."""
    news = _news_for(request.user)[:3]
    tiles = start_tiles(request.service_location)
    return render(request, "sesam/start.html", {"news": news, "tiles": tiles})


def _news_for(user):
    return NewsItem.objects.filter(product_area__users=user).select_related("product_area")


@require_GET
def news_list(request):
    return render(request, "sesam/news_list.html", {"news": _news_for(request.user)})


@require_GET
def news_detail(request, pk):
    item = get_object_or_404(_news_for(request.user), pk=pk)
    return render(request, "sesam/news_detail.html", {"item": item})


@require_http_methods(["GET", "POST"])
def settings_view(request):
    """Inställning (HOME-3)."""
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            services.save_settings(
                by=request.user, default_source=form.cleaned_data["default_source"]
            )
            messages.success(request, _("Inställningarna är sparade."))
            return redirect("settings")
        return render(request, "sesam/settings.html", {"form": form}, status=422)
    return render(request, "sesam/settings.html", {"form": form})


MY_PAGE_TABS = [
    ("orders", gettext_lazy("Mina beställningar")),
    ("activities", gettext_lazy("Mina aktiviteter")),
    ("pickups", gettext_lazy("Mina hämtordrar")),
    ("deviations", gettext_lazy("Mina avvikelser")),
]


@require_GET
def my_page(request):
    """Mina sidor (HOME-4). The field being edited without JavaScript comes as ?andra=phone;
    the tab as ?flik= (its content comes from the app that registered it, sesam.pages).
    Under HTMX only the tabs are returned."""
    editing = request.GET.get("andra")
    context = _my_page_context(request, editing=editing)
    return render_page(request, "sesam/my_page.html", context, partial="my-tab")


def _my_page_context(request, *, editing=None, form=None):
    fields = []
    for name, form_class in PROFILE_FORMS.items():
        bound = (
            form if (form is not None and name == editing) else form_class(instance=request.user)
        )
        fields.append({"name": name, "form": bound, "editing": name == editing})
    memberships = sorted(
        request.user.memberships.select_related("service_location"),
        key=lambda m: (not m.is_default, m.service_location.name),
    )
    tab = request.GET.get("flik", "orders")
    if tab not in dict(MY_PAGE_TABS):
        tab = "orders"
    provider = pages.MY_PAGE_TABS.get(tab)
    tab_template, tab_context = provider(request) if provider else ("", {})
    todo = [] if wants_partial(request) else pages.todo_items(request)
    return {
        **tab_context,
        "fields": fields,
        "memberships": memberships,
        "tab": tab,
        "tabs": MY_PAGE_TABS,
        "tab_template": tab_template,
        "todo": todo,
    }


@require_http_methods(["GET", "POST"])
def profile_field(request, field):
    """Inline edit of one personal detail: GET shows the field (?andra=1: the editor),
    POST saves it. Under HTMX the field's partial is returned, else Mina sidor."""
    form_class = PROFILE_FORMS.get(field)
    if form_class is None:
        return render(request, "404.html", status=404)
    editing = request.GET.get("andra") == "1"
    form = form_class(request.POST or None, instance=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.update_own_details(by=request.user, **{field: form.cleaned_data[field]})
            if not request.htmx:
                messages.success(request, _("Uppgiften är sparad."))
                return redirect("my_page")
            form, editing = form_class(instance=request.user), False
        else:
            editing, status = True, 422
            if not request.htmx:
                context = _my_page_context(request, editing=field, form=form)
                return render(request, "sesam/my_page.html", context, status=status)
    if not wants_partial(request):
        return redirect(reverse("my_page") + (f"?andra={field}" if editing else ""))
    row = {"name": field, "form": form, "editing": editing}
    return render_page(
        request, "sesam/my_page.html", {"f": row}, partial="profile_field", status=status
    )


@require_POST
def switch_service_location(request):
    """The top bar's switcher: the active service location for this session (ACC-2)."""
    form = ServiceLocationChoiceForm(request.POST, locations=request.service_locations)
    if not form.is_valid():
        messages.error(request, _("Välj ett av dina tjänsteställen."))
        return redirect("start")
    request.session[SESSION_KEY] = form.cleaned_data["service_location"]
    location = next(
        loc for loc in request.service_locations if loc.pk == form.cleaned_data["service_location"]
    )
    messages.success(request, _("Aktivt tjänsteställe: %(name)s") % {"name": location.name})
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else "start")


@require_GET
def message_list(request):
    inbox = request.user.inbox.all()[:200]
    return render(request, "sesam/message_list.html", {"inbox": inbox})


@require_GET
def message_detail(request, pk):
    """Reading a message marks it read (HOME-5)."""
    message = get_object_or_404(Message, pk=pk, user=request.user)
    services.mark_message_read(by=request.user, message=message)
    return render(request, "sesam/message_detail.html", {"message": message})


@require_GET
def help_page(request):
    """Hjälp (HOME-6): the help text of the page the user came from (?sida=<url name>)."""
    page = request.GET.get("sida", "start")
    return render(request, "sesam/help.html", {"help": help_text_for(page), "page": page})


@login_not_required
@require_GET
def accessibility_statement(request):
    return render(request, "sesam/accessibility.html")


@login_not_required
def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes: too many failed logins for this staff id (ACC-1)."""
    form = LoginForm(request)
    context = {"form": form, "locked_out": True, **_login_choices()}
    return render(request, "registration/login.html", context, status=429)
