"""One form field per offered language for a text residents read.

``add_language_fields(FormClass, "title", municipality, StringField, label)``
adds ``title_de``, ``title_ar``, ... (the default language first and, with
``required=True``, required) and remembers the group in
``FormClass.language_groups``. ``language_values`` and ``texts_from`` convert
between a stored ``{code: text}`` and the form's data. A format's settings
form marks a text with ``PerLanguage(...)``; ``with_language_fields`` turns
the marker into the fields and folds them back into ``{code: text}`` in the
form's ``data`` (so ``event.settings["question"]`` is ``{"de": ..., "ar": ...}``).
``language_layout(form)`` gives a template the groups with their missing
languages (see ``language_group`` in macros.html).
"""
from dataclasses import dataclass, field

from flask_babel import LazyString
from wtforms.validators import DataRequired, Optional

from .i18n import LANGUAGE_LABELS
from .localtext import as_texts


def _label(label, code):
    language = LANGUAGE_LABELS.get(code, code)
    if callable(label):
        return label(language)
    return LazyString(lambda: f"{label} ({language})")


def add_language_fields(form_class, name: str, languages, field_class=None, label=None, *, default_language=None,
                        required: bool = False, required_message=None, validators=(), default=None,
                        keep_default_field: bool = False, **kwargs):
    """Add ``<name>_<code>`` for each code in ``languages`` (a municipality
    or a list of codes; the first is the default language). ``label`` is a
    lazy text ("Question") or ``lambda language: ...``; ``default`` fills the
    default language's field only. With ``keep_default_field`` the form's
    existing field ``<name>`` is the default language's and only the other
    languages get new fields (a text whose default language stays in its
    own column, with the translations beside it)."""
    if hasattr(languages, "content_languages"):
        default_language = languages.default_language
        languages = languages.content_languages
    languages = list(languages)
    default_language = default_language or (languages[0] if languages else None)
    fields = {}
    for code in languages:
        if keep_default_field and code == default_language:
            fields[code] = name
            continue
        first = [DataRequired(message=required_message)] if required and code == default_language else [Optional()]
        extra = {"default": default} if default is not None and code == default_language else {}
        setattr(form_class, f"{name}_{code}", field_class(_label(label, code), validators=first + list(validators),
                                                         **kwargs, **extra))
        fields[code] = f"{name}_{code}"
    groups = dict(getattr(form_class, "language_groups", {}) or {})
    groups[name] = fields
    form_class.language_groups = groups
    return form_class


def other_languages(municipality) -> list[str]:
    """The offered languages except the default one (the translations)."""
    return [code for code in municipality.content_languages if code != municipality.default_language]


def language_values(texts, name: str, languages, default_language: str) -> dict:
    """The form data ``{<name>_<code>: text}`` of a stored text."""
    texts = as_texts(texts, default_language)
    return {f"{name}_{code}": texts.get(code, "") for code in languages}


def texts_from(data: dict, name: str, languages) -> dict:
    """``{code: text}`` from the form data, without empty languages."""
    return {code: data[f"{name}_{code}"].strip()
            for code in languages if isinstance(data.get(f"{name}_{code}"), str) and data[f"{name}_{code}"].strip()}


def text_choices(pairs) -> list:
    """SelectChoices from (value, label) pairs whose labels may be
    ``LocalText``: an option in another language than the reader's (not yet
    translated) gets ``lang`` and ``dir="auto"``. A plain string is (value, value)."""
    from wtforms import SelectChoice

    result = []
    for pair in pairs:
        value, label = (pair, pair) if isinstance(pair, str) else pair
        lang = getattr(label, "lang", None)
        marks = {"lang": lang, "dir": "auto"} if lang and getattr(label, "is_fallback", False) else {}
        result.append(SelectChoice(value, label, render_kw=marks))
    return result


class PerLanguage:
    """Marks a text of a format's settings form as entered per language:
    ``question = PerLanguage(StringField, _l("Question"), validators=[...])``."""

    def __init__(self, field_class, label, **kwargs):
        self.field_class, self.label, self.kwargs = field_class, label, kwargs


def with_language_fields(form_class, municipality):
    """``form_class`` with its ``PerLanguage`` texts as fields per language
    of the municipality; stored values (dict or an old string) fill them,
    ``data`` gives ``{code: text}`` back. Unchanged without markers."""
    if form_class is None:
        return None
    markers = {}
    for klass in reversed(form_class.__mro__):
        markers.update({key: value for key, value in vars(klass).items() if isinstance(value, PerLanguage)})
    if not markers:
        return form_class
    languages, default = municipality.content_languages, municipality.default_language

    class Localised(form_class):
        def __init__(self, *args, **kwargs):
            for name in markers:
                if name in kwargs:
                    kwargs.update(language_values(kwargs.pop(name), name, languages, default))
            super().__init__(*args, **kwargs)

        @property
        def data(self):
            values = dict(super().data)
            for name in markers:
                values[name] = texts_from(values, name, languages)
                for code in languages:
                    values.pop(f"{name}_{code}", None)
            return values

    Localised.__name__ = form_class.__name__
    for name, marker in markers.items():
        add_language_fields(Localised, name, languages, marker.field_class, marker.label,
                            default_language=default, **marker.kwargs)
    return Localised


@dataclass
class LanguageGroup:
    """The fields of one text in every offered language, for a template."""

    name: str
    fields: list = field(default_factory=list)
    missing: list = field(default_factory=list)  # language codes without a text

    @property
    def missing_labels(self) -> list[str]:
        return [str(LANGUAGE_LABELS.get(code, code)) for code in self.missing]

    def missing_labels_except(self, code: str) -> list[str]:
        """The missing languages other than ``code`` (the one shown open)."""
        return [str(LANGUAGE_LABELS.get(other, other)) for other in self.missing if other != code]


def language_layout(form) -> list:
    """The form's fields in order, the fields of each language group taken
    together as one ``LanguageGroup`` at the place of its first field."""
    groups = getattr(form, "language_groups", None) or {}
    owner = {field_name: (name, code) for name, fields in groups.items() for code, field_name in fields.items()}
    items, made = [], {}
    for item in form:
        key = getattr(item, "short_name", item.name)
        if key not in owner:
            items.append(item)
            continue
        name, code = owner[key]
        if name not in made:
            made[name] = LanguageGroup(name)
            items.append(made[name])
        made[name].fields.append(item)
        if not (item.data or "").strip():
            made[name].missing.append(code)
    for group in made.values():
        # An optional text that nobody has written in any language is not "missing".
        if len(group.missing) == len(group.fields) and not any(f.flags.required for f in group.fields):
            group.missing = []
    return items


def language_group(form, name: str) -> LanguageGroup | None:
    """One text's ``LanguageGroup`` (for a template that places fields itself)."""
    return next((item for item in language_layout(form) if isinstance(item, LanguageGroup) and item.name == name),
                None)
