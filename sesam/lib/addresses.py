"""REC-5 (REC-D122): comparing address texts as a reader would, so that a spelling never
decides what reaches a document. Two texts are the same address when their non-empty lines
match with case, Unicode forms (NFKC), spaces inside a line and line endings aside."""

import unicodedata


def address_key(text: str) -> tuple[str, ...]:
    """The lines of an address text, normalised: NFKC, case-folded, runs of whitespace as one
    space, empty lines dropped."""
    normal = unicodedata.normalize("NFKC", text or "").casefold()
    return tuple(" ".join(line.split()) for line in normal.splitlines() if line.strip())


def same_address(a: str, b: str) -> bool:
    return address_key(a) == address_key(b)
