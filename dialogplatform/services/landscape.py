"""Actor map and topic map of a dialogue process: storing them and drawing
them as SVG diagrams.

networkx holds the graphs and lays out the actor map (a seeded spring
layout, so a map looks the same on every request and in the PDF, whose
order around the centre is kept on an ellipse so that no boxes overlap);
the topic map is two columns, topics and the actors involved. The SVG is
written here so that it stays readable in print: black text of at least 12px on white, the kind of each
actor and the type of each relation written out, never told by colour
alone. Every label is escaped. Pages always show the same data as lists.
"""
import math
from dataclasses import dataclass, field

import networkx as nx
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..landscape_forms import ACTOR_KIND_LABELS, RELATION_KIND_LABELS
from ..models import ProcessActor, ProcessActorRelation, ProcessTopic
from ..models.landscape import process_topic_actor
from . import audit
from .charts import svg_as_img

WIDTH = 1000
FONT = "system-ui, 'Noto Sans', Arial, sans-serif"
NAME_CHARS = 30  # longer names are shortened in the diagram (the list has them in full)


@dataclass
class Landscape:
    actors: list[ProcessActor]
    relations: list[ProcessActorRelation]
    topics: list[ProcessTopic]
    actors_by_kind: dict = field(default_factory=dict)

    def relations_of(self, actor: ProcessActor) -> list[ProcessActorRelation]:
        return [r for r in self.relations if actor.id in (r.source_id, r.target_id)]


def landscape_of(process) -> Landscape:
    """Everything both maps show, in a fixed number of queries."""
    actors = db.session.scalars(db.select(ProcessActor).where(ProcessActor.process_id == process.id)
                                .order_by(ProcessActor.name, ProcessActor.id)).all()
    relations = db.session.scalars(
        db.select(ProcessActorRelation).where(ProcessActorRelation.process_id == process.id)
        .options(selectinload(ProcessActorRelation.source), selectinload(ProcessActorRelation.target))
        .order_by(ProcessActorRelation.id)).all()
    topics = db.session.scalars(
        db.select(ProcessTopic).where(ProcessTopic.process_id == process.id)
        .options(selectinload(ProcessTopic.actors)).order_by(ProcessTopic.name, ProcessTopic.id)).all()
    by_kind = {kind: [a for a in actors if a.kind == kind] for kind in ACTOR_KIND_LABELS}
    return Landscape(actors, relations, topics, {k: v for k, v in by_kind.items() if v})


# -- changes (the caller's form has validated the data) ----------------------
def add_actor(process, data: dict) -> ProcessActor:
    actor = ProcessActor(process_id=process.id, kind=data["kind"], name=data["name"].strip(),
                         contact=(data.get("contact") or "").strip())
    db.session.add(actor)
    db.session.commit()
    return actor


def add_relation(process, data: dict) -> ProcessActorRelation:
    relation = ProcessActorRelation(process_id=process.id, source_id=int(data["source"]),
                                    target_id=int(data["target"]), kind=data["kind"])
    db.session.add(relation)
    db.session.commit()
    return relation


def add_topic(process, data: dict) -> ProcessTopic:
    chosen = set(data.get("actors") or [])
    topic = ProcessTopic(process_id=process.id, name=data["name"].strip(),
                         concerns=(data.get("concerns") or "").strip(),
                         options=(data.get("options") or "").strip())
    topic.actors = [a for a in db.session.scalars(db.select(ProcessActor).where(
        ProcessActor.process_id == process.id, ProcessActor.id.in_(chosen)))] if chosen else []
    db.session.add(topic)
    db.session.commit()
    return topic


def actor_values(actor: ProcessActor) -> dict:
    return {"kind": actor.kind, "name": actor.name, "contact": actor.contact}


def update_actor(actor: ProcessActor, data: dict) -> None:
    actor.kind, actor.name = data["kind"], data["name"].strip()
    actor.contact = (data.get("contact") or "").strip()
    audit.record("process.actor_changed", actor.process.municipality, actor)
    db.session.commit()


def topic_values(topic: ProcessTopic) -> dict:
    return {"name": topic.name, "concerns": topic.concerns, "options": topic.options,
            "actors": [actor.id for actor in topic.actors]}


def update_topic(topic: ProcessTopic, data: dict) -> None:
    chosen = set(data.get("actors") or [])
    topic.name = data["name"].strip()
    topic.concerns = (data.get("concerns") or "").strip()
    topic.options = (data.get("options") or "").strip()
    topic.actors = [a for a in db.session.scalars(db.select(ProcessActor).where(
        ProcessActor.process_id == topic.process_id, ProcessActor.id.in_(chosen)))] if chosen else []
    audit.record("process.topic_changed", topic.process.municipality, topic)
    db.session.commit()


def links_of(actor: ProcessActor) -> tuple[int, int]:
    """(relations, topics) that removing ``actor`` takes with it."""
    relations = db.session.scalar(db.select(db.func.count()).select_from(ProcessActorRelation).where(
        (ProcessActorRelation.source_id == actor.id) | (ProcessActorRelation.target_id == actor.id)))
    topics = db.session.scalar(db.select(db.func.count()).select_from(process_topic_actor)
                               .where(process_topic_actor.c.actor_id == actor.id))
    return relations, topics


def remove(child) -> None:
    """Removes an actor (with its relations and topic links), a relation or a topic."""
    db.session.delete(child)
    db.session.commit()


def set_published(process, published: bool) -> None:
    process.analysis_published = published
    db.session.commit()


# -- diagrams -----------------------------------------------------------------
@dataclass
class _Node:
    lines: list[str]  # first line bold
    x: float = 0.0
    y: float = 0.0
    emphasised: bool = False

    @property
    def half_width(self) -> float:
        return (max(len(line) for line in self.lines) * 7.6 + 28) / 2

    half_height = 24.0


def _short(text: str) -> str:
    return text if len(text) <= NAME_CHARS else text[:NAME_CHARS - 1] + "…"


def _place_on_ellipse(graph: nx.Graph, nodes: dict) -> int:
    """Actors around an ellipse, in the order a seeded spring layout puts
    them around its centre: related actors stay near each other and no two
    boxes overlap. Returns the height of the drawing."""
    count = len(nodes)
    height = max(360, min(70 * count, 2400)) + 80
    angles = {key: 0.0 for key in nodes}
    if count > 1:
        positions = nx.spring_layout(graph, seed=1)
        cx = sum(p[0] for p in positions.values()) / count
        cy = sum(p[1] for p in positions.values()) / count
        angles = {key: math.atan2(positions[key][1] - cy, positions[key][0] - cx) for key in nodes}
    margin = max(node.half_width for node in nodes.values()) + 12
    rx, ry = WIDTH / 2 - margin, (height - 80) / 2 - 40
    for index, key in enumerate(sorted(nodes, key=lambda k: (angles[k], str(k)))):
        angle = 2 * math.pi * index / count - math.pi / 2
        nodes[key].x = WIDTH / 2 + (rx * math.cos(angle) if count > 1 else 0)
        nodes[key].y = 40 + (height - 80) / 2 + (ry * math.sin(angle) if count > 1 else 0)
    return height


def _place_in_columns(graph: nx.Graph, left: list, nodes: dict) -> int:
    """Topics in the left column in their order, actors in the right one,
    each beside the average row of its topics (fewer crossing lines)."""
    row = {key: index for index, key in enumerate(left)}
    right = sorted((key for key in nodes if key not in row),
                   key=lambda key: (sum(row[n] for n in graph.neighbors(key)) / max(1, graph.degree(key)), key))
    height = 76 * max(len(left), len(right), 1) + 100
    margin = max(node.half_width for node in nodes.values()) + 12
    for column, x in ((left, margin), (right, WIDTH - margin)):
        for index, key in enumerate(column):
            nodes[key].x, nodes[key].y = x, 60 + (index + 0.5) * (height - 120) / len(column)
    return height


def _border_point(node: _Node, towards: _Node) -> tuple[float, float]:
    dx, dy = towards.x - node.x, towards.y - node.y
    if dx == dy == 0:
        return node.x, node.y
    t = min(node.half_width / abs(dx) if dx else math.inf, node.half_height / abs(dy) if dy else math.inf)
    return node.x + dx * t, node.y + dy * t


def _label(x: float, y: float, text: str) -> str:
    width = len(text) * 7 + 10
    return (f'<rect x="{x - width / 2:.1f}" y="{y - 10:.1f}" width="{width:.1f}" height="20" fill="white"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" font-size="12" text-anchor="middle">{escape(text)}</text>')


def _box(node: _Node) -> str:
    w, h = node.half_width, node.half_height
    parts = [f'<rect x="{node.x - w:.1f}" y="{node.y - h:.1f}" width="{2 * w:.1f}" height="{2 * h:.1f}" rx="6" '
             f'fill="white" stroke="#1a1a1a" stroke-width="{3 if node.emphasised else 1.5}"/>',
             f'<text x="{node.x:.1f}" y="{node.y - 3:.1f}" font-size="14" font-weight="bold" text-anchor="middle">'
             f'{escape(node.lines[0])}</text>']
    if len(node.lines) > 1:
        parts.append(f'<text x="{node.x:.1f}" y="{node.y + 15:.1f}" font-size="12" text-anchor="middle">'
                     f'{escape(node.lines[1])}</text>')
    return "".join(parts)


def _svg(title: str, height: int, body: list[str], legend: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" fill="#1a1a1a">'
            f'<title>{escape(title)}</title>'
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
            'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1a1a1a"/></marker></defs>'
            f'<rect width="{WIDTH}" height="{height}" fill="white"/>'
            + "".join(body)
            + f'<text x="16" y="{height - 16}" font-size="12">{escape(legend)}</text></svg>')


def actor_map_svg(landscape: Landscape) -> str:
    graph = nx.Graph()
    nodes = {}
    for actor in landscape.actors:
        graph.add_node(actor.id)
        nodes[actor.id] = _Node([_short(actor.name), str(ACTOR_KIND_LABELS.get(actor.kind, actor.kind))])
    pairs: dict[frozenset, list] = {}
    for relation in landscape.relations:
        graph.add_edge(relation.source_id, relation.target_id)
        pairs.setdefault(frozenset((relation.source_id, relation.target_id)), []).append(relation)
    height = _place_on_ellipse(graph, nodes)
    body, labels = [], []
    for relations in pairs.values():
        for index, relation in enumerate(relations):
            source, target = nodes[relation.source_id], nodes[relation.target_id]
            # Several relations between the same two actors: parallel lines.
            length = math.hypot(target.x - source.x, target.y - source.y) or 1
            shift = (index - (len(relations) - 1) / 2) * 22
            ox, oy = -(target.y - source.y) / length * shift, (target.x - source.x) / length * shift
            x1, y1 = _border_point(source, target)
            x2, y2 = _border_point(target, source)
            body.append(f'<line x1="{x1 + ox:.1f}" y1="{y1 + oy:.1f}" x2="{x2 + ox:.1f}" y2="{y2 + oy:.1f}" '
                        'stroke="#1a1a1a" stroke-width="1.5" marker-end="url(#arrow)"/>')
            # Labels of parallel lines at different points along them.
            t = 0.5 + (index - (len(relations) - 1) / 2) * 0.3
            labels.append(_label(x1 + (x2 - x1) * t + ox, y1 + (y2 - y1) * t + oy,
                                 str(RELATION_KIND_LABELS.get(relation.kind, relation.kind))))
    body.extend(_box(node) for node in nodes.values())
    body.extend(labels)  # on top: the type of a relation is never hidden behind a box
    return _svg(_("Actor map"), height, body,
                _("Each arrow points from an actor to the actor it cooperates with, informs, funds or supports."))


def topic_map_svg(landscape: Landscape) -> str:
    graph = nx.Graph()
    nodes = {}
    topic_keys = [("topic", topic.id) for topic in landscape.topics]
    for topic in landscape.topics:
        nodes[("topic", topic.id)] = _Node([_short(topic.name), _("Topic")], emphasised=True)
        for actor in topic.actors:
            nodes.setdefault(("actor", actor.id), _Node([_short(actor.name),
                                                           str(ACTOR_KIND_LABELS.get(actor.kind, actor.kind))]))
    graph.add_nodes_from(nodes)
    graph.add_edges_from((("topic", topic.id), ("actor", actor.id))
                         for topic in landscape.topics for actor in topic.actors)
    height = _place_in_columns(graph, topic_keys, nodes)
    body = []
    for a, b in graph.edges():
        x1, y1 = _border_point(nodes[a], nodes[b])
        x2, y2 = _border_point(nodes[b], nodes[a])
        body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#1a1a1a" '
                    'stroke-width="1.5" stroke-dasharray="6 4"/>')
    body.extend(_box(node) for node in nodes.values())
    return _svg(_("Topic map"), height, body,
                _("Topics have a thick border; dashed lines connect a topic with the actors involved in it."))


def actor_map(landscape: Landscape) -> Markup | None:
    if not landscape.actors:
        return None
    alt = _("Actor map with %(actors)d actors and %(relations)d relations; the same data follows as a list.",
            actors=len(landscape.actors), relations=len(landscape.relations))
    return svg_as_img(actor_map_svg(landscape), alt)


def topic_map(landscape: Landscape) -> Markup | None:
    if not landscape.topics:
        return None
    alt = _("Topic map with %(topics)d topics and the actors involved; the same data follows as a list.",
            topics=len(landscape.topics))
    return svg_as_img(topic_map_svg(landscape), alt)
