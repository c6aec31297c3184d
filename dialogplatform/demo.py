"""Demo content: the pilot municipalities of the source document.

Idempotent: running it twice changes nothing. Formats add their content
through the ``demo_data`` hook.
"""
from . import demo_logo, demo_processes
from .extensions import db
from .models import Municipality, Role, User
from .models.types import utcnow
from .plugin_system.enabling import plugin_manager
from .services import accounts

PILOTS = [
    ("schwaebisch-gmuend", "Schwäbisch Gmünd"),
    ("ostfildern", "Ostfildern"),
    ("stuttgart", "Stuttgart"),
    ("loerrach", "Lörrach"),
    ("weinheim", "Weinheim"),
]

# {language: text}: the legal texts in German, English and Arabic (Farsi,
# Ukrainian and Turkish pages show the German text, marked as German).
IMPRINT = {
    "de": "<p><strong>{name}</strong><br>Stadtverwaltung – Integrationsbeauftragte<br>"
          "Rathausplatz 1</p><p>Dies ist eine Demo-Instanz der Dialogplattform.</p>",
    "en": "<p><strong>{name}</strong><br>Town administration – integration officer<br>"
          "Rathausplatz 1</p><p>This is a demo instance of the dialogue platform.</p>",
    "ar": "<p><strong>{name}</strong><br>إدارة المدينة – مسؤولة الاندماج<br>"
          "Rathausplatz 1</p><p>هذه نسخة تجريبية من منصة الحوار.</p>",
}
PRIVACY = {
    "de": "<p>Wir speichern nur, was für die Anmeldung zu einem Dialog nötig ist: Name oder Pseudonym, "
          "E-Mail-Adresse und Ihre Angaben zu Sprache und Unterstützung. Die Daten werden nach der "
          "Veranstaltung gelöscht oder anonymisiert. Sie können jederzeit Auskunft und Löschung verlangen.</p>",
    "en": "<p>We store only what signing up for a dialogue needs: name or pseudonym, e-mail address and what "
          "you tell us about language and support. The data is deleted or anonymised after the event. You "
          "can ask for information and deletion at any time.</p>",
    "ar": "<p>نحفظ فقط ما يلزم للتسجيل في حوار: الاسم أو الاسم المستعار، وعنوان البريد الإلكتروني، "
          "وما تخبرنا به عن اللغة والدعم. تُحذف البيانات أو تُجهّل بعد الفعالية. يمكنك في أي وقت "
          "طلب معلومات عن بياناتك أو حذفها.</p>",
}


def load_demo(password_factory=None) -> list[tuple[str, str, str]]:
    """Create what is missing. Returns the accounts created (slug, e-mail,
    password) so the CLI can print them once."""
    from .cli import random_password

    password_factory = password_factory or random_password
    created = []
    for index, (slug, name) in enumerate(PILOTS):
        municipality = db.session.scalar(db.select(Municipality).filter_by(slug=slug))
        if municipality is None:
            municipality = Municipality(
                slug=slug, name=name, default_language="de", languages=["de", "en", "ar", "fa", "uk", "tr"],
                contact_email=f"integration@{slug}.example", imprint={code: text.replace("{name}", name) for code, text in IMPRINT.items()},
                privacy_text=dict(PRIVACY),
            )
            db.session.add(municipality)
            db.session.flush()
        demo_logo.ensure(municipality, index)
        email = f"organisation@{slug}.example"
        if accounts.find_user(email) is None:
            password = password_factory()
            user = User(email=email, display_name=f"Organisation {name}", language="de", confirmed_at=utcnow())
            accounts.set_password(user, password)
            db.session.add(user)
            db.session.flush()
            # Admin of their municipality, so they can also enable formats.
            accounts.grant_role(user, municipality, Role.ADMIN)
            created.append((slug, email, password))
        db.session.commit()
        plugin_manager().call_each("demo_data", municipality=municipality, session=db.session)
        db.session.commit()
        # After the formats: the process links the events they created.
        demo_processes.load(municipality)
    return created
