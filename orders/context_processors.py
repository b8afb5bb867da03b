def cart(request):
    """The cart in the top bar (Varukorg / Pågående beställning). Filled in by the
    prescribing issue; until then the plain cart."""
    return {}
