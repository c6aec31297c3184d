"""A format whose sign-up rule crashes (as a rule with a bug would): the
core must refuse every sign-up, never let people in."""
from dialogplatform.plugin_system import FormatInfo, hookimpl


@hookimpl
def format_info():
    return FormatInfo(key="raisingrule", name="Raising rule", description="can_register raises.")


@hookimpl
def can_register(event, person):
    # The message quotes the person, as careless code would: it must not reach the log.
    raise RuntimeError(f"cannot decide about {person.name} <{person.email}>")
