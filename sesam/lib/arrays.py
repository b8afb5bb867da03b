"""`expression = ANY(%s::type[])`: a list of values as one array parameter. One plan for any
number of values, and cheap to parse: an IN list of 5 000–10 000 placeholders costs
PostgreSQL tens of milliseconds to parse and plan each time (BEY-5: a recall over 10 000
serials, its blocks of 5 000 individuals; BEY-D441)."""

from django.db.models import BooleanField, Expression, F, Q

ARRAY_TYPES = {"text", "bigint"}


class EqualsAny(Expression):
    output_field = BooleanField()

    def __init__(self, expression, values, array_type: str = "text"):
        super().__init__()
        if array_type not in ARRAY_TYPES:
            raise ValueError(f"array type {array_type!r} is not one of {sorted(ARRAY_TYPES)}")
        self.expression, self.values, self.array_type = expression, list(values), array_type

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, exprs):
        (self.expression,) = exprs

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.expression)
        return f"{sql} = ANY(%s::{self.array_type}[])", (*params, self.values)


def one_of(field: str, values, array_type: str = "bigint") -> Q:
    """`field` is one of `values`: `= %s` for a single value, else `= ANY(%s)`. With one
    value the planner can walk an index that starts with `field` in the order of its next
    column (Sök's newest first, LIMIT 51: QUA-D13); with an array it has to sort every row
    first (PostgreSQL 15). Either way one parameter, so a precompiled query
    (`sesam.lib.precompiled`) takes it; the shape differs, so that is two shapes."""
    values = list(values)
    if len(values) == 1:
        return Q(**{field: values[0]})
    return Q(EqualsAny(F(field), values, array_type))
