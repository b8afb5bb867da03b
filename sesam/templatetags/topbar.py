"""The top bar of every page (HOME-1), built in Python (QUA-D564): as a template it cost
0.6 ms a page, more than half of the frame's rendering. The markup is the template's was,
byte for byte. The menus (`includes/topbar_menu.html`, a cached fragment) and the cart
(`includes/cart.html`, also the HTMX partial that replaces it) stay templates."""

import functools

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@functools.cache
def _url(name: str) -> str:
    return reverse(name)


@register.simple_tag(takes_context=True)
def topbar(context) -> SafeString:
    request, user = context["request"], context["user"]
    # a request refused before service_location_middleware (the 400 page) has neither
    location = getattr(request, "service_location", None)
    locations = getattr(request, "service_locations", ())
    token = context.get("csrf_token")
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'
    engine = context.template.engine
    html = [
        '<header class="topbar">\n'
        f'  <nav class="topbar-nav" aria-label="{_("Huvudmeny")}">\n'
        f'    <a class="brand" href="{_url("start")}"><img src="{escape(static("img/logo.svg"))}"'
        ' alt="" width="28" height="28"><span>Sesam</span></a>\n    ',
        engine.get_template("includes/topbar_menu.html").render(context),
        '\n    <ul class="menu menu-user">\n'
        "      <li>\n"
        f'        <a class="me" href="{_url("my_page")}">\n'
        f'          <span class="me-name">{escape(user.full_name)}</span>\n          ',
    ]
    if location:
        html.append(f'<span class="me-location">{escape(location.name)}</span>')
    html.append("\n        </a>\n      </li>\n      ")
    if len(locations) > 1:
        html.append(
            "\n      <li>\n"
            '        <details class="dropdown dropdown-right">\n'
            f"          <summary>{_('Byt tjänsteställe')}</summary>\n"
            f'          <form method="post" action="{_url("switch_service_location")}"'
            ' class="switcher">\n'
            f"            {csrf}\n"
            '            <input type="hidden" name="next"'
            f' value="{escape(request.get_full_path())}">\n'
            "            <fieldset>\n"
            f"              <legend>{_('Aktivt tjänsteställe')}</legend>\n              "
        )
        for each in locations:
            checked = " checked" if location and each.pk == location.pk else ""
            html.append(
                '\n                <label><input type="radio" name="service_location"'
                f' value="{each.pk}"{checked}> {escape(each.name)}</label>\n              '
            )
        html.append(
            "\n            </fieldset>\n"
            f'            <button type="submit">{_("Byt")}</button>\n'
            "          </form>\n"
            "        </details>\n"
            "      </li>\n      "
        )
    cart = engine.get_template("includes/cart.html").render(context)
    unread = context.get("unread_count")
    badge = (
        f' <span class="badge">{unread}<span class="visually-hidden"> {_("olästa")}</span></span>'
        if unread
        else ""
    )
    html.append(
        f'\n      <li id="cart">{cart}</li>\n'
        "      <li>\n"
        f'        <a href="{_url("message_list")}">{_("Meddelanden")}{badge}</a>\n'
        "      </li>\n"
        f'      <li><a href="{_url("help")}?sida={escape(context.get("page_name", ""))}">'
        f"{_('Hjälp')}</a></li>\n      "
    )
    if user.is_staff:
        html.append(f'<li><a href="{_url("admin:index")}">{_("Administration")}</a></li>')
    html.append("\n      ")
    if user.is_staff and user.has_perm("safety.trace_recall"):
        html.append(f'<li><a href="{_url("safety:recall_list")}">{_("Återkallelse")}</a></li>')
    html.append("\n      ")
    if user.is_staff and user.has_perm("logreview.review_accesslog"):
        html.append(f'<li><a href="{_url("logreview:search")}">{_("Logggranskning")}</a></li>')
    html.append(
        f'\n      <li><a href="{_url("settings")}"><span class="icon-cog" aria-hidden="true">⚙'
        f"</span> {_('Inställning')}</a></li>\n"
        "      <li>\n"
        f'        <form method="post" action="{_url("logout")}">\n'
        f"          {csrf}\n"
        f'          <button type="submit" class="link-button">{_("Logga ut")}</button>\n'
        "        </form>\n"
        "      </li>\n"
        "    </ul>\n"
        "  </nav>\n"
        "</header>"
    )
    return mark_safe("".join(html))  # noqa: S308 — every value is escaped above
