"""The settings of ``config.Settings`` as people read them: the table in
docs/production.md and the effective values of ``dialogplatform config``."""
import json
import types
import typing

from .config import Settings
from .settings import masked, unknown_variables


def type_name(annotation) -> str:
    """"yes/no", "whole number", "local | cdn", "list" ... for the table."""
    optional = False
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        arguments = [argument for argument in typing.get_args(annotation) if argument is not type(None)]
        optional, annotation = True, arguments[0]
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        name = " \\| ".join(str(value) for value in typing.get_args(annotation))
    elif origin is list:
        name = "list (commas)"
    elif origin is dict:
        name = "JSON object"
    else:
        name = {bool: "yes/no", int: "whole number", float: "number", str: "text"}[annotation]
    return f"{name}, optional" if optional else name


def _shown(value) -> str:
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(value) if value else "empty"
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)


def markdown_table() -> str:
    rows = ["| Setting (`DIALOGPLATFORM_` + name) | Type | Default | What it does |", "|---|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = _shown(field.default).replace("|", "\\|")
        rows.append(f"| `{name}` | {type_name(field.annotation)} | `{default}` | {field.description} |")
    return "\n".join(rows) + "\n"


def effective(app) -> str:
    """``NAME = value  [source]`` per setting; secrets masked."""
    sources = app.extensions["dialogplatform.settings_sources"]
    width = max(len(name) for name in Settings.model_fields)
    lines = [f"{name:{width}} = {_shown(masked(name, app.config.get(name)))}  [{sources[name]}]"
             for name in Settings.model_fields]
    lines += [f"{name} is not a setting: ignored" for name in unknown_variables()]
    return "\n".join(lines) + "\n"
