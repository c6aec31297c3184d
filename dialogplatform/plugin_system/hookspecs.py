"""The contract between the core and format plugins.

Every hook is called per plugin by the plugin manager, so that one failing
plugin cannot break the others; where it matters the core calls only the
plugins enabled for the municipality at hand.
"""
import click
import pluggy

hookspec = pluggy.HookspecMarker("dialogplatform")


@hookspec
def format_info():
    """Called once at start-up. Return the plugin's ``FormatInfo``."""


@hookspec
def blueprints():
    """Called once at start-up. Return a list of ``PluginBlueprint``."""


@hookspec
def event_settings_form(format_key):
    """Called when an organiser creates or edits an event of ``format_key``.

    Return a WTForms ``Form`` class (not a FlaskForm: the core's form carries
    CSRF) whose data is stored in ``event.settings``, or None.
    """


@hookspec
def event_panels(event, viewer):
    """Called when the event page renders. Return a list of ``Panel``.

    ``viewer`` is the current user (possibly anonymous); show organiser-only
    panels only when ``viewer`` may organise ``event.municipality``.
    """


@hookspec
def evaluation(event):
    """Called for an event's evaluation page and reports. Return a list of
    ``Section`` with aggregate results only, whoever is looking: mark what
    is for staff (contacts, moderation counts) ``staff_only=True``; the core
    shows it to organisers and keeps it out of everything published."""


@hookspec
def navigation(municipality, viewer):
    """Called when the organiser menu renders. Return a list of
    ``(label, url)`` tuples."""


@hookspec
def demo_data(municipality, session):
    """Called by ``dialogplatform demo`` for each pilot municipality. Add
    realistic content where the format was used there; must be idempotent."""


@hookspec
def registration_fields(event):
    """Called when the sign-up form for ``event`` is built. Return a list of
    ``(name, unbound WTForms field)``; the core names them
    ``ext__<format key>__<name>`` and stores the answers in
    ``registration.answers[<format key>]``."""


@hookspec
def can_register(event, person):
    """Called before a sign-up is stored. ``person.answers`` holds the answers
    to the format's own fields. Return None to allow it, or a message (shown
    to the person) saying why not. When it raises, the sign-up is refused
    (rules fail closed) and the failure is logged with the plugin's name."""


@hookspec
def recommendation_sources(event):
    """Called when an organiser turns results of ``event`` into
    recommendations. Return a list of ``RecommendationSource``."""


@hookspec
def privacy_export(user):
    """Called for a person's data export (DSGVO Art. 15). Return a dict of
    what the plugin stores about ``user`` (an account), or None."""


@hookspec
def privacy_erase(user):
    """Called when ``user`` deletes their account: remove or anonymise what
    the plugin stores about them (anonymous contributions may keep their
    text). Must not commit; the core commits once for everything."""


@hookspec
def anonymise_event(event):
    """Called by the retention job once ``event`` is past its retention
    period: remove personal data the plugin keeps for it (names, contacts),
    keeping aggregate figures correct. Must not commit; idempotent."""


@hookspec
def process_report_sections(process):
    """Called when the documentation report of a dialogue process is built,
    on each format that has events in ``process``. Return a list of
    ``Section`` (aggregates only) summarising the format across the
    process's events, e.g. project ideas of all theme tables; or None."""


@hookspec
def register_cli(group: click.Group) -> None:
    """Called once at start-up for every installed plugin. Add the plugin's
    own commands to ``group``; they appear as ``dialogplatform <command>``
    and run inside the app context. Name them after the format (e.g.
    ``themenabend-export``): a name the core or another plugin has already
    makes this plugin broken (skipped and listed on the instance admin's
    page), as does raising here. Returns nothing.

    Example::

        import click

        @hookimpl
        def register_cli(group):
            @group.command("themenabend-stats", help="Count the themes per evening.")
            @click.argument("municipality_slug")
            def stats(municipality_slug):
                click.echo(...)
    """
