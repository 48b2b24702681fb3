"""Areas of the field: the ids nodes carry in ``Node.area``, their display titles and their usual order.

A learning plan is read in stages named after these areas; the order below is the usual order of study
(foundations first), which the planner follows when nothing else decides.

>>> area_title("deep-learning")
'Deep learning'
>>> area_rank("programming") < area_rank("ml") < area_rank("mlops")
True
>>> area_title("my-own-area"), area_rank("my-own-area") == len(AREAS)
('My own area', True)
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["AREAS", "FOUNDATION_AREAS", "Area", "area_rank", "area_title"]


class Area(NamedTuple):
    """One area: its id (as in ``Node.area``), its title, and what it holds."""

    id: str
    title: str
    holds: str


AREAS: tuple[Area, ...] = (
    Area("programming", "Programming foundations", "Python, the command line, data structures"),
    Area("software", "Software engineering practice", "git, testing, design, packaging"),
    Area("math", "Mathematics for ML", "linear algebra, calculus, optimisation"),
    Area("statistics", "Probability and statistics", "probability, inference, experiments"),
    Area("data", "Data handling and analysis", "SQL, pandas, cleaning, EDA, visualisation"),
    Area("ml", "Classical machine learning", "supervised and unsupervised learning, scikit-learn, XGBoost"),
    Area("deep-learning", "Deep learning", "neural networks, PyTorch, TensorFlow, Keras"),
    Area("nlp", "Natural language processing", "text processing, embeddings, sequence models"),
    Area("computer-vision", "Computer vision", "image models, detection, segmentation"),
    Area("llm", "LLMs and generative AI", "LLM APIs, RAG, agents, evaluation, fine-tuning, diffusion"),
    Area("reinforcement-learning", "Reinforcement learning", "MDPs, policy and value methods"),
    Area("applied-ml", "Applied ML", "time series, recommenders, anomaly detection, causal inference"),
    Area("data-engineering", "Data engineering", "pipelines, Spark, Kafka, lakehouses, dbt, orchestration"),
    Area("infrastructure", "Infrastructure and cloud", "Linux, networking, containers, Kubernetes, cloud"),
    Area("ml-systems", "ML systems", "GPUs, distributed training, inference optimisation"),
    Area("mlops", "Deployment and MLOps", "serving, monitoring, pipelines, LLMOps"),
    Area("responsible-ai", "Responsible AI", "ethics, fairness, privacy, regulation, guardrails, red-teaming"),
    Area("research", "Research practice", "reading papers, experiments, writing"),
    Area("professional", "Professional skills", "communication, leadership, career"),
)
"""Every area, in the usual order of study: foundations first, then what builds on them."""

FOUNDATION_AREAS: frozenset[str] = frozenset({"programming", "math", "statistics"})
"""Areas a plan opens with when it asks for them, even before the first item that needs them (foundations
first); items of the other areas come just in time."""

_RANK = {a.id: n for n, a in enumerate(AREAS)}
_TITLE = {a.id: a.title for a in AREAS}


def area_rank(area: str | None) -> int:
    """Position of `area` in :data:`AREAS`; an unlisted area (or none) comes after every listed one."""
    return _RANK.get(area or "", len(AREAS))


def area_title(area: str | None) -> str:
    """Display title of `area`; an unlisted id is turned into words ("my-own-area" -> "My own area")."""
    if area in _TITLE:
        return _TITLE[area]
    if not area:
        return "Other topics"
    return area.replace("-", " ").replace("_", " ").capitalize()
