"""Numbers of the demo region that other apps, manuals and browser tests rely on."""

# Article numbers of each case in demo-data.md (stable: tests and other apps use them).
KEY_ARTICLES = {
    # individual-marked hearing aid stocked at 70 with balance (individuals in 70, 4101-4103)
    "hearing_aid_central": "40110",
    # individual-marked hearing aid not stocked at 70: bought via 750
    "hearing_aid_750_only": "40120",
    # a hearing aid outside the assortment (found with "Alla artiklar")
    "outside_assortment": "40130",
    # status Utgående: individuals in 4101, not purchasable (ART-7)
    "phasing_out": "40140",
    # bone-anchored hearing aid (22 06 21), individual-marked, stocked at 70
    "bone_anchored": "40160",
    # Laddare: fee kind charger, 500 kr (BIL-2), individual-marked, stocked at 70
    "charger": "50110",
    # Laddkit: fee kind charger_kit (BIL-3), bought via 750
    "charger_kit": "50120",
    # accessory with a patient fee for adults (BIL-1), stocked at 70
    "adult_fee_accessory": "50130",
    # non-individual spare parts sold per pack, stocked at 70, 4101 and 4102
    "domes": "50140",
    "filters": "50150",
    # status Utgått, balance left in 4101 only (ART-7)
    "discontinued": "50160",
    # price 0, bought via 750: the á-pris is entered at receipt (RCV-3)
    "price_zero": "50170",
    # service articles (tjänsteköp, ORD-3), bought via 750
    "service_repair": "60110",
    "service_training": "60120",
    # central only (ART-9), stocked at 70
    "tablet_grant": "83563",
    # alternative telephony with SIP numbers, individual-marked, stocked at 70
    "sip_device": "70110",
    # FM/radio system, hearing loop, signalling device
    "fm_system": "70120",
    "hearing_loop": "70130",
    "signalling": "70140",
    # articles of the other product areas (not shown to Hörsel users in the catalogue)
    "vision_article": "90110",
    "mobility_article": "90120",
}

# Individual numbers (stable).
KEY_INDIVIDUALS = {
    "in_lund": "4101001",  # hearing_aid_central in 4101 (Lund)
    "in_lund_2": "4101002",
    "in_malmo": "4102001",  # hearing_aid_central in 4102 (Malmö)
    "in_helsingborg": "4103001",  # hearing_aid_central in 4103: other users get 404
    "in_central": "7000006",  # hearing_aid_central in 70 (the newest: deliveries pick oldest first)
    "phasing_out_in_lund": "4101101",  # Utgående hearing aid in 4101
    "with_sip": "4101201",  # sip_device in 4101 with a SIP number
    "sip_in_central": "7000201",  # sip_device in 70 with a SIP number
    "charger_in_central": "7000104",  # charger in 70 (the newest, as above)
    "refurbished": "7000901",  # hearing_aid_central returned to 70, Klar för återanvändning
}
KEY_SIP_NUMBERS = {"with_sip": "46101740611", "sip_in_central": "46101740601"}
