"""Forms of orders, one module per stage like the views; they validate input only, the
services check the rules again. The prescribing forms are re-exported here."""

from orders.forms.prescribing import (  # noqa: F401
    CommentForm,
    DeliveryForm,
    LineForm,
    QuantityForm,
    StartOrderForm,
    SubmitForm,
)
