"""The catalogue of funding programmes, pre-filled from the source document
("Vielfältige Unterstützung für die Flüchtlingsarbeit im Land")."""
from ..extensions import db
from ..models import FundingProgramme

# Plain data, also read by the 0004 migration: keep these keys stable.
CATALOGUE = [
    {"key": "kommunale_fluechtlingsdialoge", "name": "Kommunale Flüchtlingsdialoge",
     "provider": "Landeszentrale für politische Bildung Baden-Württemberg (LpB)",
     "min_amount_eur": 3000, "max_amount_eur": 5000,
     "description": "Förderung von Dialogen mit 3.000 bis 5.000 Euro. Antrag über die LpB.",
     "url": "https://www.lpb-bw.de/"},
    {"key": "qualifiziert_engagiert", "name": "Qualifiziert.Engagiert",
     "provider": "Landeszentrale für politische Bildung Baden-Württemberg (LpB)",
     "min_amount_eur": None, "max_amount_eur": 300,
     "description": "Qualifizierung von Ehrenamtlichen bis höchstens 300 Euro. Antrag über die LpB.",
     "url": "https://www.lpb-bw.de/"},
    {"key": "gut_beraten", "name": "Gut Beraten", "provider": "Allianz für Beteiligung",
     "min_amount_eur": None, "max_amount_eur": 4000,
     "description": "Beratungsgutscheine zur Förderung der Zivilgesellschaft und Bürgerbeteiligung, bis 4.000 Euro.",
     "url": "https://allianz-fuer-beteiligung.de/"},
    {"key": "lokale_buendnisse", "name": "Lokale Bündnisse für Flüchtlingshilfe",
     "provider": "Sozialministerium Baden-Württemberg", "min_amount_eur": 15000, "max_amount_eur": 50000,
     "description": "Förderung von bürgerschaftlichem Engagement und Dialog zum Zusammenleben in den Kommunen, "
                    "15.000 bis 50.000 Euro.",
     "url": ""},
    {"key": "vielfalt_gefaellt", "name": "Vielfalt gefällt",
     "provider": "Baden-Württemberg Stiftung, Allianz für Beteiligung", "min_amount_eur": None,
     "max_amount_eur": 30000,
     "description": "Innovative Beiträge zur Weiterentwicklung der Willkommenskultur und unmittelbare "
                    "Hilfsprojekte für Flüchtlinge und Asylsuchende, bis 30.000 Euro für Initiativen.",
     "url": "https://allianz-fuer-beteiligung.de/"},
    {"key": "leuchtturmwettbewerb", "name": "Leuchtturmwettbewerb", "provider": "Staatsanzeiger (Bewerbung)",
     "min_amount_eur": 500, "max_amount_eur": 2500,
     "description": "Bürgerbeteiligung: Kultur des Miteinanders – Gelebte Gemeinschaft. "
                    "Preisgelder zwischen 500 und 2.500 Euro.",
     "url": ""},
]
COLUMNS = ("key", "name", "provider", "min_amount_eur", "max_amount_eur", "description", "url")


def missing_rows(existing_keys) -> list[dict]:
    """Catalogue rows whose key is not stored yet (so filling is idempotent)."""
    return [{column: row[column] for column in COLUMNS} for row in CATALOGUE if row["key"] not in existing_keys]


def ensure_catalogue() -> int:
    """Add the programmes of the source document that are missing; returns
    how many were added. Does not commit."""
    existing = set(db.session.scalars(db.select(FundingProgramme.key).where(FundingProgramme.key.is_not(None))))
    rows = missing_rows(existing)
    db.session.add_all(FundingProgramme(active=True, **row) for row in rows)
    db.session.flush()
    return len(rows)


def programmes(active_only: bool = False) -> list[FundingProgramme]:
    query = db.select(FundingProgramme).order_by(FundingProgramme.name)
    if active_only:
        query = query.where(FundingProgramme.active.is_(True))
    return db.session.scalars(query).all()


def save(programme: FundingProgramme, data: dict) -> None:
    programme.name = data["name"].strip()
    programme.provider = (data.get("provider") or "").strip()
    programme.min_amount_eur = data.get("min_amount_eur")
    programme.max_amount_eur = data.get("max_amount_eur")
    programme.description = (data.get("description") or "").strip()
    programme.url = (data.get("url") or "").strip()
    programme.active = bool(data.get("active"))
    db.session.add(programme)
    db.session.commit()
