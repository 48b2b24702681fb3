"""Areas of the field: the ids nodes carry in ``Node.area``, their display titles and their usual order.

A learning plan is read in stages named after these areas; the order below is the usual order of study
(foundations first), which the planner follows when nothing else decides.

>>> area_title("deep-learning")
'Deep learning'
>>> area_rank("programming") < area_rank("ml") < area_rank("mlops")
True
>>> area_title("my-own-area"), area_rank("my-own-area") == len(AREAS), area_title("onet")
('My own area', True, 'O*NET')
"""

from __future__ import annotations

__all__ = ["AREAS", "AREA_HOLDS", "FOUNDATION_AREAS", "area_rank", "area_title"]


AREAS: dict[str, str] = {
    "programming": "Programming foundations",
    "software": "Software engineering practice",
    "math": "Mathematics for ML",
    "statistics": "Probability and statistics",
    "data": "Data handling and analysis",
    "ml": "Classical machine learning",
    "deep-learning": "Deep learning",
    "nlp": "Natural language processing",
    "computer-vision": "Computer vision",
    "llm": "LLMs and generative AI",
    "reinforcement-learning": "Reinforcement learning",
    "applied-ml": "Applied ML",
    "data-engineering": "Data engineering",
    "infrastructure": "Infrastructure and cloud",
    "ml-systems": "ML systems",
    "mlops": "Deployment and MLOps",
    "responsible-ai": "Responsible AI",
    "research": "Research practice",
    "professional": "Professional skills",
}
"""Every area id and its display title, in the usual order of study: foundations first, then what builds on them."""

AREA_HOLDS: dict[str, str] = {
    "programming": "Python, the command line, data structures",
    "software": "git, testing, design, packaging",
    "math": "linear algebra, calculus, optimisation",
    "statistics": "probability, inference, experiments",
    "data": "SQL, pandas, cleaning, EDA, visualisation",
    "ml": "supervised and unsupervised learning, scikit-learn, XGBoost",
    "deep-learning": "neural networks, PyTorch, TensorFlow, Keras",
    "nlp": "text processing, embeddings, sequence models",
    "computer-vision": "image models, detection, segmentation",
    "llm": "LLM APIs, RAG, agents, evaluation, fine-tuning, diffusion",
    "reinforcement-learning": "MDPs, policy and value methods",
    "applied-ml": "time series, recommenders, anomaly detection, causal inference",
    "data-engineering": "pipelines, Spark, Kafka, lakehouses, dbt, orchestration",
    "infrastructure": "Linux, networking, containers, Kubernetes, cloud",
    "ml-systems": "GPUs, distributed training, inference optimisation",
    "mlops": "serving, monitoring, pipelines, LLMOps",
    "responsible-ai": "ethics, fairness, privacy, regulation, guardrails, red-teaming",
    "research": "reading papers, experiments, writing",
    "professional": "communication, leadership, career",
}
"""What each area holds, in a few words (for help texts and legends)."""

FOUNDATION_AREAS: frozenset[str] = frozenset({"programming", "math", "statistics", "data"})
"""Areas a plan opens with when it asks for them, even before the first item that needs them (foundations
first: Python, mathematics, statistics, data handling); items of the other areas come just in time."""

_RANK = {area: n for n, area in enumerate(AREAS)}
_SPECIAL = {"onet": "O*NET", "esco": "ESCO", "ml": "ML", "nlp": "NLP", "llm": "LLM", "ai": "AI"}


def area_rank(area: str | None) -> int:
    """Position of `area` in :data:`AREAS`; an unlisted area (or none) comes after every listed one."""
    return _RANK.get(area or "", len(AREAS))


def area_title(area: str | None) -> str:
    """Display title of `area`; an unlisted id is turned into words ("my-own-area" -> "My own area")."""
    if area in AREAS:
        return AREAS[area]
    if not area:
        return "Other topics"
    words = area.replace("_", "-").split("-")
    text = " ".join(_SPECIAL.get(w.casefold(), w) for w in words)
    return text[:1].upper() + text[1:]
