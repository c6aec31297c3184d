"""The accessibility statement (BITV 2.0 § 7) and the explanations of
BITV 2.0 § 4 (Leichte Sprache, Deutsche Gebärdensprache).

``KNOWN_LIMITATIONS`` is the maintained list of what is known not to meet
WCAG 2.1 AA / BITV 2.0 on every instance; change ``LIST_REVIEWED`` with it.
A municipality adds its own, and the statement says "partially compliant"
while anything is listed at all: it is generated, never claimed.
"""
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

#: The day the list below was last checked against the platform.
LIST_REVIEWED = date(2026, 12, 2)

SCHLICHTUNGSSTELLE = {
    "name": "Schlichtungsstelle nach § 16 BGG bei dem Beauftragten der Bundesregierung "
            "für die Belange von Menschen mit Behinderungen",
    "address": "Mauerstraße 53, 10117 Berlin",
    "url": "https://www.schlichtungsstelle-bgg.de",
    "email": "info@schlichtungsstelle-bgg.de",
}

#: The 16 federal states (ISO 3166-2:DE), by their own names.
FEDERAL_STATES = {
    "BW": "Baden-Württemberg", "BY": "Bayern", "BE": "Berlin", "BB": "Brandenburg", "HB": "Bremen",
    "HH": "Hamburg", "HE": "Hessen", "MV": "Mecklenburg-Vorpommern", "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen", "RP": "Rheinland-Pfalz", "SL": "Saarland", "SN": "Sachsen",
    "ST": "Sachsen-Anhalt", "SH": "Schleswig-Holstein", "TH": "Thüringen",
}


@dataclass(frozen=True)
class Limitation:
    """What is affected, why it is not accessible, and what is offered instead.
    A municipality's own limitations are one line of its text (``own``)."""

    affected: str
    reason: str = ""
    alternative: str = ""
    own: bool = False


KNOWN_LIMITATIONS = (
    Limitation(
        _l("PDF versions of documentation reports"),
        _l("The PDF files are not tagged (no PDF/UA): screen readers may read them without headings "
           "and in the wrong order."),
        _l("Every report is also a web page on this platform; on request we send its content in another form."),
    ),
    Limitation(
        _l("Texts, images and files that staff write or upload, such as event descriptions, the imprint, "
           "the privacy policy and logos"),
        _l("They are not checked for accessibility before they are published: headings, clear link texts "
           "or text alternatives may be missing."),
        _l("Tell us which content you cannot use: we correct it or send it to you in another form."),
    ),
    Limitation(
        _l("Maps for directions and for the places of a box (OpenStreetMap)"),
        _l("The maps are on an external website whose accessibility we cannot check; a map cannot be "
           "read by a screen reader."),
        _l("The address is written out as text on the page, where it was entered."),
    ),
    Limitation(
        _l("Pages that follow an event while it runs (taking part live, projector walls)"),
        _l("They update themselves every few seconds; this cannot be paused or switched off (WCAG 2.2.2)."),
        _l("Ask the moderation in the room for help; the results are published afterwards on a page that "
           "does not update itself."),
    ),
)


def own_limitations(municipality) -> list[Limitation]:
    """The municipality's own limitations: one per non-empty line."""
    lines = (municipality.accessibility_limitations or "").splitlines()
    return [Limitation(line.strip(), own=True) for line in lines if line.strip()]


def limitations_for(municipality, *, has_sign_language_video: bool) -> list[Limitation]:
    """Everything the statement of ``municipality`` lists (None: the instance)."""
    found = list(KNOWN_LIMITATIONS)
    if municipality is None:
        found.append(Limitation(
            _("Explanations in Leichte Sprache and German Sign Language on the platform's home page"),
            _("The home page of the platform has none; every municipality's start page has them."),
            _("Choose a municipality on the home page: its start page links to both explanations."),
        ))
        return found
    if not has_sign_language_video:
        found.append(Limitation(
            _("Explanation of this website in German Sign Language (DGS)"),
            _("%(name)s has not yet provided a video in German Sign Language (BITV 2.0 § 4).",
              name=municipality.name),
            _("The explanation in Leichte Sprache; the contact below answers questions in other forms."),
        ))
    return found + own_limitations(municipality)


def is_fully_compliant(limitations) -> bool:
    return not limitations


def statement_date(municipality) -> date:
    """The day of the statement's last change: the package's list or the
    municipality's own settings, whichever is later."""
    changed = municipality.accessibility_changed_at if municipality is not None else None
    if changed is None:
        return LIST_REVIEWED
    return max(LIST_REVIEWED, changed.astimezone(ZoneInfo("Europe/Berlin")).date())


# The explanation in Leichte Sprache (German by nature, after the rules of
# the Netzwerk Leichte Sprache): short sentences, one idea per line, the
# reader addressed directly, hard words explained. A municipality may
# replace it; "{name}" is its name. Paragraphs are separated by a blank line.
EASY_LANGUAGE_DEFAULT = """\
Willkommen bei {name}.
Das ist eine Internet-Seite.
Die Seite heißt: Dialog-Plattform.

Was ist ein Dialog?
Bei einem Dialog treffen sich Menschen.
Die Menschen reden miteinander.
Zum Beispiel über das Leben in {name}.
Alle dürfen ihre Meinung sagen.
Auch Menschen aus anderen Ländern.

Was können Sie hier machen?

Dialoge finden.
Auf der Start-Seite steht eine Liste.
In der Liste stehen die nächsten Dialoge.
Bei jedem Dialog steht: Wann ist der Dialog?
Und: Wo ist der Dialog?

Sich anmelden.
Sie möchten zu einem Dialog gehen?
Dann klicken Sie auf den Namen von dem Dialog.
Dann klicken Sie auf: Jetzt anmelden.
Sie schreiben Ihren Namen in das Formular.
Und Ihre E-Mail-Adresse.
Ein Passwort brauchen Sie dafür nicht.
Sie bekommen dann eine E-Mail.
In der E-Mail ist ein Link.
Sie klicken auf den Link.
Dann sind Sie angemeldet.
Sie haben keine E-Mail-Adresse?
Dann rufen Sie bei {name} an.
Die Mitarbeiter melden Sie an.
Sie brauchen Hilfe beim Dialog?
Dann schreiben Sie das in das Formular.
Zum Beispiel: Sie brauchen einen Dolmetscher.
Ein Dolmetscher übersetzt in Ihre Sprache.
Oder: Sie kommen mit dem Rollstuhl.

Ihre Meinung sagen.
Beim Dialog sagen Sie Ihre Meinung.
Nach dem Dialog stehen hier die Ergebnisse.
Ergebnisse bedeutet: Das haben die Menschen beim Dialog gesagt.
Und das macht {name} jetzt.

Die Seite gibt es in vielen Sprachen.
Oben auf der Seite suchen Sie Ihre Sprache aus.

Sie haben eine Frage?
Oder Sie brauchen Hilfe?
Dann fragen Sie bei {name}.
Unten steht: So erreichen Sie uns."""


def easy_language_default(municipality) -> str:
    return EASY_LANGUAGE_DEFAULT.replace("{name}", municipality.name)


def easy_language_paragraphs(municipality) -> list[list[str]]:
    """The Leichte Sprache text of ``municipality`` as paragraphs of lines."""
    text = (municipality.easy_language_text or "").strip() or easy_language_default(municipality)
    text = text.replace("\r\n", "\n")
    paragraphs = [block.strip() for block in text.split("\n\n")]
    return [[line.strip() for line in block.splitlines() if line.strip()] for block in paragraphs if block]
