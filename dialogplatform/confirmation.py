"""Shared pages for staff: a confirmation before a destructive action, and
an edit form for one item. The core and every format use these, so that
deleting or cancelling always asks first, the same way, without JavaScript.
"""
from flask import redirect, render_template

from .forms import ConfirmForm


def confirm_page(*, title: str, consequences: list[str], button: str, back: str, action):
    """GET: a page that says what will happen (``consequences``, one
    sentence each, e.g. how many people get a mail), a button and a way
    ``back``. POST with a valid CSRF token: ``action()`` runs (it flashes
    its own message) and the browser goes to the URL it returns, else
    ``back``. The caller has checked the permission and found the item."""
    form = ConfirmForm()
    if form.validate_on_submit():
        return redirect(action() or back)
    status = 400 if form.is_submitted() else 200
    return render_template("confirm.html", form=form, title=title, consequences=consequences,
                           button=button, back=back), status


def edit_page(form, *, title: str, back: str, intro: str = ""):
    """The page with the edit form of one item (prefilled on GET, with the
    errors after a POST that failed), a save button and a way ``back``."""
    return render_template("edit_page.html", form=form, title=title, back=back, intro=intro), \
        422 if form.errors else 200
