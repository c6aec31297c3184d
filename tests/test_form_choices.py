"""Choices as SelectChoice (``select_choices``) render and validate exactly
like the ``(value, label)`` tuples WTForms 3.3 deprecates, and tuples fail
the suite (pyproject's filterwarnings), so none come back."""
import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form, RadioField, SelectField, SelectMultipleField

from dialogplatform.forms import MultiCheckboxField, select_choices

PAIRS = [("", "Keine"), ("de", "Deutsch"), ("ar", "العربية <b>")]
INT_PAIRS = [(0, "No table"), (7, "Wohnen"), (12, "Arbeit & Schule")]

CASES = [
    (SelectField, {}, PAIRS, {"f": "de"}, "ar", "xx"),
    (SelectField, {"coerce": int}, INT_PAIRS, {"f": 7}, "12", "5"),
    (RadioField, {}, PAIRS, {"f": "ar"}, "de", "xx"),
    (SelectMultipleField, {}, PAIRS, {"f": ["de", "ar"]}, "ar", "xx"),
    (MultiCheckboxField, {"coerce": int}, INT_PAIRS, {"f": [0, 12]}, "7", "5"),
]


def _form(field_class, options, choices, data=None, formdata=None):
    class TheForm(Form):
        f = field_class("Label", choices=choices, **options)

    return TheForm(formdata=formdata, data=data)


def _with_tuples(field_class, options, pairs, **kwargs):
    with pytest.warns(DeprecationWarning, match="Passing SelectField choices as tuples"):
        return _form(field_class, options, pairs, **kwargs)


@pytest.mark.parametrize(("field_class", "options", "pairs", "data", "good", "bad"), CASES)
def test_select_choices_render_and_validate_like_tuples(field_class, options, pairs, data, good, bad):
    for kwargs in ({}, {"data": data}):
        old = _with_tuples(field_class, options, pairs, **kwargs)
        new = _form(field_class, options, select_choices(pairs), **kwargs)
        assert str(new.f()) == str(old.f())
        assert [str(option()) for option in new.f] == [str(option()) for option in old.f]
    assert "selected" in str(new.f()) or "checked" in str(new.f())  # the data's options are marked
    for value in (good, bad):
        old = _with_tuples(field_class, options, pairs, formdata=MultiDict({"f": value}))
        new = _form(field_class, options, select_choices(pairs), formdata=MultiDict({"f": value}))
        assert (new.validate(), new.f.data, new.f.errors) == (old.validate(), old.f.data, old.f.errors)
        assert str(new.f()) == str(old.f())


def test_select_choices_chains_groups_in_order():
    chained = select_choices([("", "None")], ((str(n), f"Step {n}") for n in (1, 2)))
    assert [(c.value, c.label) for c in chained] == [("", "None"), ("1", "Step 1"), ("2", "Step 2")]


def test_tuple_choices_fail_the_test_suite():
    """pyproject's filterwarnings turns the real WTForms message into an error."""
    with pytest.raises(DeprecationWarning, match="Passing SelectField choices as tuples"):
        _form(SelectField, {}, PAIRS)
