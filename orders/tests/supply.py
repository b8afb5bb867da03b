"""Helpers for the supply tests: orders made through the services, as the pages would."""

from inventory.tests.factories import ArticleFactory, SupplierFactory
from orders import services

CENTRAL = "central"


def refill(user, location, *articles, quantity=2):
    """A sent refill of `articles` (each `quantity`) to `location`'s store."""
    return refill_lines(user, location, [(article, quantity) for article in articles])


def refill_lines(user, location, lines):
    """A sent refill of (article, quantity) pairs to `location`'s store."""
    draft = services.start_refill(by=user, service_location=location)
    for article, quantity in lines:
        services.add_line(by=user, article=article, quantity=quantity, source=CENTRAL)
    return services.submit_order(by=user, idempotency_key=draft.idempotency_key)


def prescription(user, recipient, location, *articles, quantity=1):
    draft = services.start_order(
        by=user, recipient=recipient, prescriber=user, service_location=location
    )
    for article in articles:
        services.add_line(
            by=user,
            article=article,
            quantity=quantity,
            source=CENTRAL,
            comment="Reparation" if article.type == "service" else "",
        )
    return services.submit_order(by=user, idempotency_key=draft.idempotency_key)


def _article(**fields):
    """The supplier's article with this number, or a new one (a supplier's number names one
    article, ART-D8: a second call returns the same)."""
    from inventory.models import Article

    found = Article.objects.filter(
        supplier=fields["supplier"], supplier_number=fields["supplier_number"]
    ).first()
    return found or ArticleFactory(**fields)


def direct_articles():
    """Articles bought via 750 from two suppliers: a hearing aid (individual-marked) and an
    earmould priced 0 from Audiola, domes from Hörteknik (not stocked at 70)."""
    audiola = SupplierFactory(
        name="Audiola AB", street="Hörselgången 3", postal_code="211 20", city="Malmö"
    )
    hearing_aid = _article(
        supplier=audiola, supplier_number="AU-HA7", name="Hörapparat Audiola 7", is_individual=True
    )
    earmould = _article(
        supplier=audiola, supplier_number="AU-EAR", name="Öronpropp special", price=0
    )
    domes = _article(
        supplier=SupplierFactory(name="Hörteknik AB"), supplier_number="HT-D8", name="Dome 8 mm"
    )
    return hearing_aid, earmould, domes
