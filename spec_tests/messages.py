"""Error and warning messages in two tiers. That a message names the offending sizes, dtypes, index or
argument is documented behaviour a user relies on; the wording around those names is torch's own text,
which an implementation may phrase differently (internal tier, like node names and repr minutiae).

`error_cases` splits each row of an error table into the documented case (the exception type and the
names) and, when the row also pins wording, a twin `<id>-message-text` case that checks the wording;
`--tier documented` leaves the twins out and the report counts them apart.
"""
import re

from .catalogue import cases

MESSAGE_TEXT = "-message-text"

# Shape reprs name sizes even though they contain blanks: torch.Size([3, 4]), [1, 5, 4], (2, 3).
_SHAPE = re.compile(r"^(torch\.Size\()?[\[(][\d, ]*[\])]\)?$")


def is_message_text(part):
    """True for a part of a message check that is wording (a phrase of several words) rather than a
    name: numbers, shapes, dtypes and single tokens (`float32`, `4x10`, `input_size`) name things."""
    if not isinstance(part, str):
        return False
    text = part.strip()
    return bool(re.search(r"\s", text)) and not _SHAPE.match(text)


def split_message(parts):
    """(names, wording) of a message check: a tuple of parts, or one string."""
    parts = (parts,) if isinstance(parts, str) else tuple(parts)
    return (tuple(p for p in parts if not is_message_text(p)),
            tuple(p for p in parts if is_message_text(p)))


def message_text_id(behaviour):
    """The internal-tier twin of a documented behaviour id."""
    return behaviour + MESSAGE_TEXT


def error_cases(table):
    """cases() for error tables whose rows end in the message check: (behaviour, source, ..., contains).
    A row whose check pins wording becomes two cases, the documented one with the names only and the
    internal `-message-text` twin with the wording only; both still require the exception type."""
    rows = []
    for behaviour, source, *values in table:
        *head, parts = values
        names, wording = split_message(parts)
        rows.append((behaviour, source, *head, names))
        if wording:
            rows.append((message_text_id(behaviour), source, *head, wording))
    return cases(rows)
