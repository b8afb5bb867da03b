"""ACC-11, BEY-15: the demo region's identities, shared by the portal's demo data
(sesam/demo.py) and the development identity provider (devidp/). Plain data, no Django."""

HSA_PREFIX = "SE2321000016-"

# Service location code → (the care unit's HSA-id, its name in the catalogue).
CARE_UNITS = {
    "4101": (HSA_PREFIX + "E4101", "Hörselmottagningen Lund"),
    "4102": (HSA_PREFIX + "E4102", "Hörselmottagningen Malmö"),
    "4103": (HSA_PREFIX + "E4103", "Hörselmottagningen Helsingborg"),
    "5101": (HSA_PREFIX + "E5101", "Audionomkliniken Ystad"),
    # A unit with no service location in sesam: Hjälpmedel's own.
    "hjalpmedel": (HSA_PREFIX + "E7000", "Hjälpmedel Skåne"),
}

# username → (HSA-id, given name, family name, e-mail, assignments: care unit keys above).
# Anna Audionom also holds an assignment at Helsingborg that is not hers in sesam: signing in
# with it lands on her default location, with a notice (ACC-11).
STAFF = {
    "audionom": (
        HSA_PREFIX + "P1001",
        "Anna",
        "Audionom",
        "audionom@demo.sesam.se",
        ["4101", "4102", "4103"],
    ),
    "kollega": (HSA_PREFIX + "P1002", "Karl", "Kollega", "kollega@demo.sesam.se", ["4101"]),
    "sekreterare": (
        HSA_PREFIX + "P1003",
        "Sara",
        "Sekreterare",
        "sekreterare@demo.sesam.se",
        ["4101"],
    ),
    "pam": (HSA_PREFIX + "P5101", "Per", "Privat", "pam@demo.sesam.se", ["5101"]),
    "annan": (HSA_PREFIX + "P3001", "Alva", "Annan", "annan@demo.sesam.se", ["4103"]),
    "admin": (
        HSA_PREFIX + "P7000",
        "Hjälpmedel",
        "administratör",
        "admin@demo.sesam.se",
        ["hjalpmedel"],
    ),
}

# A person known to the identity provider but not to sesam (the refusal page).
STRANGER = (HSA_PREFIX + "P9999", "Okänd", "Okändsson", "okand@demo.sesam.se", ["4101"])

# Citizens (BEY-15, the patient pages): personnummer, given name, family name. Tolvan is the
# demo's adult recipient; Elsa is its child (a guardian's access is not offered); Olle is
# known to no one in sesam ("Vi hittar inga hjälpmedel för dig").
CITIZENS = [
    ("191212121212", "Tolvan", "Tolvansson"),
    ("201205042383", "Elsa", "Nilsson"),
    ("196501022773", "Olle", "Okänd"),
]
