"""Participation figures of the Lörrach demo campaigns: each feedback post
that moderation did not hide is one passer-by's contribution."""
from dialogplatform.plugin_api import db
from dialogplatform.testing import api_figures, load_demo_at, log_in_demo_organiser, report_figures
from dialogplatform_formats.freiraumkisten.models import Post, PostStatus


def test_the_loerrach_campaigns_count_the_feedback_left_at_the_boxes(client, clock):
    load_demo_at(clock)
    posts = dict(db.session.execute(db.select(Post.event_id, db.func.count()).where(
        Post.status != PostStatus.HIDDEN).group_by(Post.event_id)).all())
    hidden = db.session.scalar(db.select(db.func.count()).select_from(Post).where(Post.status == PostStatus.HIDDEN))
    published = api_figures(client, "loerrach", "freiraumkisten")
    assert set(published) == set(posts) and len(posts) == 2  # the running and the past campaign
    for event_id, figures in published.items():
        assert figures["contributions"] == figures["anonymous_contributors"] == posts[event_id] > 0
        assert figures["people"] == posts[event_id]
        assert figures["signed_up"] == figures["attended"] == figures["walk_ins"] == 0  # nobody signs up
    assert hidden > 0  # the demo's hidden post is not counted

    log_in_demo_organiser(client, "loerrach")
    running = max(posts, key=posts.get)
    shown = report_figures(client, "loerrach", running)
    assert shown["people"] == shown["contributions"] == str(posts[running])
