"""Content tests for the bundled graph: schema rules, expert spot checks and the generated catalogue.

These are the checks a practising ML engineer would make before trusting a learning plan or a role gap built
from ``ontology/``. The seed-copying check reads ``../shared/seeds`` and is skipped when it is absent, so the
tests never need anything outside the repository.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
import yaml

import mlgraph
from mlgraph.io.catalogue import catalogue
from mlgraph.model.naming import normalise

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
DATA = ROOT.parent / "shared" / "data"

# every role the issue names, by a name people use for it
ROLE_NAMES = [
    "machine learning engineer",
    "data scientist",
    "software engineer",
    "data analyst",
    "data engineer",
    "AI engineer",
    "AI research scientist",
    "ML architect",
    "lead machine learning engineer",
    "senior ML engineer",
    "head of AI",
    "AI manager",
    "AI strategist",
    "NLP engineer",
    "computer vision engineer",
    "MLOps engineer",
    "robotics engineer",
]

# abbreviations and short names people type -> the node they must find
ALIASES = {
    "NLP": "natural-language-processing",
    "CV": "computer-vision",
    "CNN": "convolutional-neural-networks",
    "RNN": "recurrent-neural-networks",
    "LSTM": "lstm",
    "SVM": "support-vector-machines",
    "PCA": "principal-component-analysis",
    "GBM": "gradient-boosting-machines",
    "GBDT": "gradient-boosting-machines",
    "RL": "reinforcement-learning",
    "K8s": "kubernetes",
    "GCP": "google-cloud-platform",
    "AWS": "aws",
    "Azure": "microsoft-azure",
    "CI/CD": "ci-cd",
    "OOP": "object-oriented-programming",
    "SQL": "sql",
    "NoSQL": "nosql-databases",
    "EDA": "exploratory-data-analysis",
    "ETL": "etl",
    "LLM": "large-language-models",
    "RAG": "retrieval-augmented-generation",
    "GAN": "generative-adversarial-networks",
    "MDP": "markov-decision-processes",
    "SGD": "stochastic-gradient-descent",
    "SVD": "singular-value-decomposition",
    "MLE": "machine-learning-engineer",
    "MLOps": "mlops",
    "DS": "data-scientist",
    "ML": "machine-learning",
    "DL": "deep-learning",
    "AI": "artificial-intelligence",
    "sklearn": "scikit-learn",
    "TF": "tensorflow",
    "PyTorch": "pytorch",
    "HF": "hugging-face-transformers",
    "DVC": "dvc",
    "NER": "named-entity-recognition",
    "k-NN": "k-nearest-neighbours",
    "NAS": "neural-architecture-search",
    "GDPR": "data-privacy-regulation",
    "HIPAA": "data-privacy-regulation",
    "SWE": "software-engineer",
    "Spark": "apache-spark",
    "SageMaker": "aws-sagemaker",
    "Vertex AI": "google-cloud-ai-platform",
    "W&B": "weights-and-biases",
    "LoRA": "parameter-efficient-fine-tuning",
    "RLHF": "llm-alignment",
    "XAI": "model-interpretability",
    "IaC": "infrastructure-as-code",
}

# names the seeds use that must resolve to a node (label or alias)
SEED_MENTIONS = [
    "Kaggle",
    "Made with ML",
    "fast.ai",
    "LeetCode",
    "Codeforces",
    "CodeSignal",
    "Coursera",
    "edX",
    "DataCamp",
    "Udacity",
    "Springboard",
    "Stack Overflow",
    "GitHub",
    "Medium",
    "LinkedIn",
    "KDnuggets",
    "Towards Data Science",
    "NeurIPS",
    "ICML",
    "CVPR",
    "AAAI",
    "Introducing MLOps",
    "Practical MLOps",
    "Machine Learning: A Probabilistic Perspective",
    "Reinforcement Learning: An Introduction",
    "GDPR",
    "HIPAA",
    "Hadoop",
    "Apache Spark",
    "TensorFlow Serving",
    "AWS SageMaker",
    "AWS Lambda",
    "Google AI Platform",
    "Azure ML",
    "Jupyter",
    "Tableau",
    "Seaborn",
    "Matplotlib",
    "Keras",
    "Flask",
    "FastAPI",
    "Docker",
    "Kubernetes",
    "R",
    "Java",
    "C++",
    "JavaScript",
    "GANs",
    "transfer learning",
    "neural architecture search",
    "Bayesian optimization",
    "multi-agent systems",
    "information theory",
    "Jacobian",
    "Hessian",
    "SVD",
    "eigenvectors",
    "mutual information",
    "entropy",
    "Markov processes",
    "hypothesis testing",
    "density estimation",
    "ensemble methods",
    "gradient boosting machines",
    "decision trees",
    "support vector machines",
    "data augmentation",
    "feature selection",
    "data governance",
    "hyperparameter tuning",
    "sentiment analysis",
    "image recognition",
    "credit risk analysis",
    "time-series forecasting",
    "recommendation system",
    "spam detector",
    "hackathons",
    "ML system design",
    "data wrangling",
    "object-oriented programming",
    "version control",
    "system design",
    "bias mitigation",
    "technical writing",
    "problem solving",
    "time management",
    "robotics",
    "data science",
    "bootcamps",
]

# (learned first, learned later): every plan must keep this order
SPOT_CHECKS = [
    ("python", "pytorch"),
    ("python", "tensorflow"),
    ("numpy", "pandas"),
    ("linear-algebra", "neural-networks"),
    ("matrix-multiplication", "neural-networks"),
    ("vectors", "matrix-multiplication"),
    ("docker", "kubernetes"),
    ("linux", "docker"),
    ("git", "ci-cd"),
    ("http", "rest-apis"),
    ("sql", "data-warehousing"),
    ("probability-fundamentals", "bayes-theorem"),
    ("conditional-probability", "bayes-theorem"),
    ("derivatives", "chain-rule"),
    ("chain-rule", "backpropagation"),
    ("derivatives", "backpropagation"),
    ("backpropagation", "neural-networks"),
    ("embeddings", "transformers"),
    ("attention-mechanism", "transformers"),
    ("transformers", "large-language-models"),
    ("transfer-learning", "fine-tuning"),
    ("fine-tuning", "parameter-efficient-fine-tuning"),
    ("markov-decision-processes", "q-learning"),
    ("overfitting", "regularization"),
    ("train-test-split", "cross-validation"),
    ("logistic-regression", "neural-networks"),
    ("eigenvectors", "principal-component-analysis"),
    ("model-training", "experiment-tracking"),
    ("model-deployment", "model-monitoring"),
    ("statistics", "machine-learning"),
    # issue 12 item 3: fixed orders
    ("neural-networks", "attention-mechanism"),
    ("embeddings", "attention-mechanism"),
    ("scikit-learn", "model-training"),
    ("pytorch", "neural-network-training"),
    ("expectation-and-variance", "probability-distributions"),
    ("random-variables", "expectation-and-variance"),
    ("convex-optimization", "constrained-optimization"),
    ("exponentials-and-logarithms", "logistic-regression"),
    ("feature-engineering", "ml-pipelines"),
    ("hyperparameter-tuning", "experiment-tracking"),
    ("maximum-likelihood-estimation", "logistic-regression"),
    ("machine-learning-fundamentals", "supervised-learning"),
    ("probability-fundamentals", "conditional-probability"),
    ("eigenvectors", "linear-algebra"),
    ("chain-rule", "calculus"),
    ("transformers", "deep-learning"),
    ("neural-network-training", "convolutional-neural-networks"),
    # 2026 topics in the classical half
    ("similarity-and-distance-measures", "embeddings"),
    ("similarity-and-distance-measures", "k-nearest-neighbours"),
    ("tensors", "pytorch"),
    ("convexity", "convex-optimization"),
    ("jacobian-and-hessian", "second-order-optimization"),
    ("hypothesis-testing", "power-analysis"),
    ("power-analysis", "a-b-testing"),
    ("experimental-design", "potential-outcomes"),
    ("causal-graphs", "observational-causal-methods"),
    ("potential-outcomes", "uplift-modeling"),
    ("latent-variable-models", "variational-inference"),
    ("cross-entropy-and-kl-divergence", "variational-inference"),
    ("gaussian-processes", "bayesian-optimization"),
    ("data-labeling", "active-learning"),
    ("data-labeling", "weak-supervision"),
    ("normalization-layers", "transformers"),
    ("residual-connections", "cnn-architectures"),
    ("convolutional-neural-networks", "cnn-architectures"),
    ("transformers", "vision-transformers"),
    ("self-supervised-learning", "contrastive-learning"),
    ("graph-theory", "graph-neural-networks"),
    ("python", "python-environments"),
    ("python-environments", "python-packaging"),
    ("python-type-hints", "pydantic"),
    ("software-testing", "pytest"),
    ("pytest", "property-based-testing"),
    ("pytest", "ml-testing"),
    ("model-evaluation", "ml-testing"),
    ("data-quality", "great-expectations"),
    ("pandas", "polars"),
    ("sql", "dbt"),
    ("data-warehousing", "dbt"),
    ("columnar-storage", "apache-parquet"),
    ("apache-parquet", "delta-lake"),
    ("apache-parquet", "apache-iceberg"),
    ("data-lakes", "data-lakehouse"),
    ("apache-kafka", "stream-processing"),
    ("data-quality", "data-contracts"),
    ("privacy-attacks", "differential-privacy"),
    ("neural-network-training", "federated-learning"),
    ("data-privacy-regulation", "data-anonymization"),
    ("a-b-testing", "sequential-testing"),
    ("a-b-testing", "variance-reduction-cuped"),
    ("experiment-configuration", "ml-reproducibility"),
    ("ai-regulation", "ai-risk-management"),
    ("image-processing", "opencv"),
    ("tokenization", "spacy"),
    ("markov-decision-processes", "gymnasium"),
]

# (not needed, for): orders the graph used to force and must not any more
NOT_BEFORE = [
    ("lstm", "attention-mechanism"),
    ("recurrent-neural-networks", "transformers"),
    ("sequence-to-sequence-models", "transformers"),
    ("deep-learning", "convolutional-neural-networks"),
    ("unsupervised-learning", "clustering"),
    ("linear-algebra", "eigenvectors"),
    ("optimization", "convex-optimization"),
    ("probability-distributions", "expectation-and-variance"),
    # a library is learned with the part of a field it serves, not after the whole field
    ("computer-vision", "opencv"),
    ("natural-language-processing", "spacy"),
    ("reinforcement-learning", "gymnasium"),
    # an analyst reaches statistics without calculus
    ("derivatives", "statistics"),
    ("maximum-likelihood-estimation", "statistics"),
]

# umbrellas every plan reaches through their core parts (issue 11, TEAM.md hierarchy agreement)
UMBRELLAS = [
    "machine-learning",
    "supervised-learning",
    "unsupervised-learning",
    "deep-learning",
    "linear-algebra",
    "calculus",
    "probability",
    "statistics",
    "optimization",
    "software-engineering-principles",
    "data-preprocessing",
    "data-engineering",
    "responsible-ai",
    "neural-network-training",
    "causal-inference",
    "privacy-preserving-ml",
]

# (umbrella, a core part an expert would name)
HIERARCHY = [
    ("machine-learning", "supervised-learning"),
    ("machine-learning", "unsupervised-learning"),
    ("machine-learning", "model-evaluation"),
    ("supervised-learning", "linear-regression"),
    ("supervised-learning", "decision-trees"),
    ("supervised-learning", "gradient-boosting-machines"),
    ("unsupervised-learning", "clustering"),
    ("unsupervised-learning", "principal-component-analysis"),
    ("deep-learning", "convolutional-neural-networks"),
    ("deep-learning", "recurrent-neural-networks"),
    ("deep-learning", "transformers"),
    ("deep-learning", "embeddings"),
    ("linear-algebra", "eigenvectors"),
    ("linear-algebra", "matrix-multiplication"),
    ("calculus", "chain-rule"),
    ("calculus", "gradients"),
    ("probability", "bayes-theorem"),
    ("probability", "probability-distributions"),
    ("statistics", "hypothesis-testing"),
    ("optimization", "gradient-descent"),
    ("software-engineering-principles", "software-testing"),
    ("data-preprocessing", "data-cleaning"),
    ("data-engineering", "data-pipelines"),
    ("responsible-ai", "algorithmic-fairness"),
    ("neural-network-training", "normalization-layers"),
    ("neural-network-training", "weight-initialization"),
    ("optimization", "convexity"),
    ("causal-inference", "potential-outcomes"),
    ("data-engineering", "data-lakehouse"),
    ("data-engineering", "columnar-storage"),
    ("privacy-preserving-ml", "differential-privacy"),
    ("data-engineering", "etl"),
]

LADDERS = [
    ("data-analyst", "data-scientist"),
    ("software-engineer", "machine-learning-engineer"),
    ("data-scientist", "machine-learning-engineer"),
    ("machine-learning-engineer", "lead-machine-learning-engineer"),
    ("lead-machine-learning-engineer", "ml-architect"),
    ("lead-machine-learning-engineer", "head-of-ai"),
    ("machine-learning-engineer", "nlp-engineer"),
    ("machine-learning-engineer", "computer-vision-engineer"),
    ("machine-learning-engineer", "robotics-engineer"),
]

SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z(\"']|\s*$)")


@pytest.fixture(scope="module")
def g() -> mlgraph.CompetencyGraph:
    return mlgraph.load()


@pytest.fixture(scope="module")
def sources(g: mlgraph.CompetencyGraph) -> dict[str, mlgraph.Source]:
    return {s.id: s for s in g.records()[2]}


def _order_dag(g: mlgraph.CompetencyGraph) -> nx.DiGraph:
    """Prerequisite edges plus one edge from every core part to its umbrella: what a plan must respect.

    An umbrella is reached when its core parts are learned, so the parts come before it, like prerequisites.
    """
    dag = nx.DiGraph(g.prerequisite_dag())
    dag.add_edges_from((e.source, e.target) for e in g.edges("broader") if e.core)
    return dag


def _before(g: mlgraph.CompetencyGraph, node_id: str) -> set[str]:
    """Everything learned before `node_id` in a plan from zero: its prerequisites and core parts, transitively."""
    return nx.ancestors(g.derived("test_content.order_dag", _order_dag), node_id)


def _closure(g: mlgraph.CompetencyGraph, ids: list[str]) -> set[str]:
    """The competencies `ids` and everything learned before them: what a plan from zero contains."""
    found = set(ids)
    for node_id in ids:
        found.update(_before(g, node_id))
    return found


def _parts(g: mlgraph.CompetencyGraph, umbrella: str, *, core_only: bool = False) -> set[str]:
    """The parts of `umbrella`, and the parts of those parts (only core ones with `core_only`)."""
    found: set[str] = set()
    todo = [umbrella]
    while todo:
        current = todo.pop()
        for e in g.edges_of(current):
            if e.relation == "broader" and e.target == current and e.source not in found and (e.core or not core_only):
                found.add(e.source)
                todo.append(e.source)
    return found


# ---------------------------------------------------------------------------------------------- schema rules
def test_graph_is_large_enough(g: mlgraph.CompetencyGraph) -> None:
    assert len(g) >= 250
    assert len(g.nodes("role")) >= 15
    assert len(g.nodes("resource")) >= 20


def test_every_node_cites_declared_sources(g, sources) -> None:
    unsourced = [n.id for n in g.nodes() if not n.sources]
    undeclared = sorted({(n.id, s) for n in g.nodes() for s in n.sources if s not in sources})
    assert not unsourced, f"nodes without sources: {unsourced}"
    assert not undeclared, f"sources not declared in sources.yaml: {undeclared}"


def test_every_edge_cites_declared_sources(g, sources) -> None:
    undeclared = sorted({(e.source, e.target, s) for e in g.edges() for s in e.sources if s not in sources})
    assert not undeclared


def test_every_node_has_a_short_description(g: mlgraph.CompetencyGraph) -> None:
    bad = []
    for node in g.nodes():
        text = node.description.strip()
        sentences = len(SENTENCE_END.findall(text))
        if not text or not 1 <= sentences <= 3:
            bad.append((node.id, sentences))
    assert not bad, f"descriptions must be 1-3 sentences: {bad}"


def test_descriptions_are_unique(g: mlgraph.CompetencyGraph) -> None:
    counts = Counter(" ".join(n.description.casefold().split()) for n in g.nodes())
    assert not [text for text, count in counts.items() if count > 1]


def test_learnable_nodes_are_estimated(g: mlgraph.CompetencyGraph) -> None:
    missing = [n.id for n in g.nodes() if n.is_learnable and not (n.effort_hours and n.effort_hours > 0)]
    assert not missing, f"learnable nodes without effort_hours: {missing}"


def test_effort_hours_stay_on_one_scale(g: mlgraph.CompetencyGraph) -> None:
    # one node is at most a long university course (see ontology/README.md, "Effort hours")
    off = [(n.id, n.effort_hours) for n in g.nodes() if n.is_learnable and not 1 <= n.effort_hours <= 150]
    assert not off


def test_learnable_nodes_have_a_prerequisite_or_are_starting_points(g: mlgraph.CompetencyGraph) -> None:
    # an umbrella is reached through its core parts, so it needs no prerequisite of its own
    umbrellas = {e.target for e in g.edges("broader") if e.core}
    orphans = [
        n.id
        for n in g.nodes()
        if n.is_learnable and not n.starting_point and not g.prerequisites(n.id) and n.id not in umbrellas
    ]
    fake_starts = [n.id for n in g.nodes() if n.starting_point and g.prerequisites(n.id)]
    assert not orphans, f"add a prerequisite or mark starting_point: {orphans}"
    assert not fake_starts, f"starting points with prerequisites: {fake_starts}"


def test_only_competencies_are_starting_points(g: mlgraph.CompetencyGraph) -> None:
    assert all(n.is_learnable for n in g.nodes() if n.starting_point)


def test_prerequisites_and_core_parts_form_a_dag_with_long_chains(g: mlgraph.CompetencyGraph) -> None:
    dag = g.prerequisite_dag()
    assert nx.is_directed_acyclic_graph(dag)
    assert len(nx.dag_longest_path(dag)) >= 6
    assert nx.is_directed_acyclic_graph(_order_dag(g))


def test_no_alias_names_two_nodes(g: mlgraph.CompetencyGraph) -> None:
    owners: dict[str, set[str]] = {}
    for node in g.nodes():
        for name in (node.id, node.label, *node.aliases):
            owners.setdefault(normalise(name), set()).add(node.id)
    clashes = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert not clashes


def test_crosswalk_entries_are_well_formed(g: mlgraph.CompetencyGraph) -> None:
    for node in g.nodes():
        for m in node.mappings:
            if m.scheme == "esco":
                assert m.uri and m.uri.startswith("http://data.europa.eu/esco/"), node.id
            else:
                assert m.code and re.fullmatch(r"\d{2}-\d{4}\.\d{2}", m.code), node.id


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data (ESCO and O*NET extracts) not present")
def test_crosswalk_targets_exist_in_esco_and_onet(g: mlgraph.CompetencyGraph) -> None:
    esco_text = "\n".join(p.read_text(encoding="utf-8") for p in (DATA / "esco-1.2.0").glob("*.csv"))
    onet_codes = {
        line.split("\t")[0]
        for line in (DATA / "onet-29.2" / "Occupation Data.txt").read_text(encoding="utf-8").splitlines()[1:]
    }
    for node in g.nodes():
        for m in node.mappings:
            if m.scheme == "esco":
                assert m.uri in esco_text, f"{node.id}: unknown ESCO URI {m.uri}"
            else:
                assert m.code in onet_codes, f"{node.id}: unknown O*NET code {m.code}"


def test_key_roles_and_skills_are_crosswalked(g: mlgraph.CompetencyGraph) -> None:
    roles = [r for r in g.nodes("role") if r.mappings]
    competencies = [n for n in g.nodes() if n.is_learnable and any(m.scheme == "esco" for m in n.mappings)]
    assert len(roles) >= 15
    assert len(competencies) >= 80
    for role in ["machine-learning-engineer", "data-scientist", "software-engineer", "data-analyst", "data-engineer"]:
        assert {m.scheme for m in g.node(role).mappings} == {"esco", "onet"}, role


# ---------------------------------------------------------------------------------------------- hierarchy
@pytest.mark.parametrize("umbrella", UMBRELLAS)
def test_umbrella_is_reached_through_its_parts(g: mlgraph.CompetencyGraph, umbrella: str) -> None:
    core = [e.source for e in g.edges_of(umbrella) if e.relation == "broader" and e.target == umbrella and e.core]
    assert len(core) >= 2, f"{umbrella} has core parts {core}"
    # the umbrella's own hours only tie its parts together
    assert 3 <= g.node(umbrella).effort_hours <= 10, g.node(umbrella).effort_hours


def test_every_umbrella_has_two_core_parts_and_small_hours(g: mlgraph.CompetencyGraph) -> None:
    """Any node with parts is an umbrella: reached through at least two core parts, with small own hours."""
    bad = []
    for umbrella in sorted({e.target for e in g.edges("broader")}):
        core = [e for e in g.edges_of(umbrella) if e.relation == "broader" and e.target == umbrella and e.core]
        if len(core) < 2 or not 3 <= g.node(umbrella).effort_hours <= 10:
            bad.append((umbrella, len(core), g.node(umbrella).effort_hours))
    assert not bad, f"(umbrella, core parts, own hours): {bad}"


def test_no_umbrella_comes_before_its_own_parts(g: mlgraph.CompetencyGraph) -> None:
    """An umbrella is never a prerequisite, direct or transitive, of any of its parts (core or not)."""
    bad = []
    for umbrella in {e.target for e in g.edges("broader")}:
        bad += [(umbrella, part) for part in _parts(g, umbrella) if umbrella in g.prerequisites(part, transitive=True)]
    assert not bad, f"umbrella before its part: {sorted(bad)}"


def test_umbrellas_do_not_repeat_their_parts_as_prerequisites(g: mlgraph.CompetencyGraph) -> None:
    for umbrella in {e.target for e in g.edges("broader")}:
        assert not set(g.prerequisites(umbrella)) & _parts(g, umbrella), umbrella


@pytest.mark.parametrize(("umbrella", "part"), HIERARCHY)
def test_expert_hierarchy(g: mlgraph.CompetencyGraph, umbrella: str, part: str) -> None:
    assert part in _parts(g, umbrella, core_only=True), f"{part} should be a core part of {umbrella}"


def test_deep_learning_is_part_of_machine_learning_but_not_needed_to_reach_it(g: mlgraph.CompetencyGraph) -> None:
    assert {"deep-learning", "reinforcement-learning"} <= _parts(g, "machine-learning")
    assert "convolutional-neural-networks" not in _before(g, "machine-learning")
    assert {"convolutional-neural-networks", "transformers", "embeddings"} <= _before(g, "deep-learning")


# ---------------------------------------------------------------------------------------------- areas
AREA_IDS = {
    "programming", "software", "math", "statistics", "data", "data-engineering", "ml", "deep-learning", "nlp",
    "computer-vision", "llm", "reinforcement-learning", "applied-ml", "ml-systems", "infrastructure", "mlops",
    "responsible-ai", "research", "professional",
}  # fmt: skip

# (node, the area a reader looks for it in)
AREA_CHECKS = [
    ("scikit-learn", "ml"),
    ("xgboost", "ml"),
    ("pytorch", "deep-learning"),
    ("keras", "deep-learning"),
    ("spacy", "nlp"),
    ("opencv", "computer-vision"),
    ("gymnasium", "reinforcement-learning"),
    ("git", "software"),
    ("software-testing", "software"),
    ("code-review", "software"),
    ("python", "programming"),
    ("apache-spark", "data-engineering"),
    ("algorithmic-fairness", "responsible-ai"),
    ("reading-research-papers", "research"),
    ("eigenvectors", "math"),
    ("hypothesis-testing", "statistics"),
]


def test_every_competency_has_a_known_area(g: mlgraph.CompetencyGraph) -> None:
    bad = [(n.id, n.area) for n in g.nodes() if n.is_learnable and n.area not in AREA_IDS]
    assert not bad, f"nodes without a known area id: {bad}"


@pytest.mark.parametrize(("node_id", "area"), AREA_CHECKS)
def test_area_of(g: mlgraph.CompetencyGraph, node_id: str, area: str) -> None:
    assert g.node(node_id).area == area


@pytest.mark.parametrize(
    ("name", "not_node"),
    [("ANN", "neural-networks"), ("information security", "data-security"), ("pytest", "software-testing")],
)
def test_aliases_do_not_claim_other_meanings(g: mlgraph.CompetencyGraph, name: str, not_node: str) -> None:
    # approximate nearest neighbours (vector search), security beyond data, and the pytest tool itself
    try:
        found = g.resolve(name).id
    except mlgraph.MlgraphError:
        return
    assert found != not_node


# ---------------------------------------------------------------------------------------------- roles
@pytest.mark.parametrize("name", ROLE_NAMES)
def test_role_exists_with_a_real_profile(g: mlgraph.CompetencyGraph, name: str) -> None:
    role = g.resolve(name)
    assert role.kind == "role"
    assert role.description
    requirements = g.requirements(role.id)
    # leadership roles also list, as optional, the technical depth they keep from the role below them
    assert 10 <= len(requirements) <= 70, f"{role.id}: {len(requirements)} requirements"
    assert len(g.requirements(role.id, importance="essential")) >= 5


def test_requirements_state_importance_and_level_explicitly() -> None:
    roles = yaml.safe_load((mlgraph.bundled_path() / "roles.yaml").read_text(encoding="utf-8"))["nodes"]
    for role in roles:
        for req in role.get("requires", []):
            assert req.get("importance") in {"essential", "optional"}, (role["id"], req)
            assert req.get("level") in {1, 2, 3, 4, 5}, (role["id"], req)


@pytest.mark.parametrize(("lower", "upper"), LADDERS)
def test_progression_ladders(g: mlgraph.CompetencyGraph, lower: str, upper: str) -> None:
    assert upper in g.progressions(lower)


@pytest.mark.parametrize(
    ("senior", "junior"),
    [
        ("lead-machine-learning-engineer", "machine-learning-engineer"),
        ("nlp-engineer", "machine-learning-engineer"),
        ("computer-vision-engineer", "machine-learning-engineer"),
    ],
)
def test_senior_and_specialist_roles_cover_the_ml_engineer_core(g, senior: str, junior: str) -> None:
    # so that moving down the ladder costs nothing essential and moving up always costs something
    have = {e.target: e.level for e in g.requirements(senior)}
    gaps = [e.target for e in g.requirements(junior, importance="essential") if have.get(e.target, 0) < e.level]
    assert not gaps
    junior_levels = {e.target: e.level for e in g.requirements(junior)}
    assert any(e.level > junior_levels.get(e.target, 0) for e in g.requirements(senior))


def test_data_scientist_to_ml_engineer_gap_is_engineering(g: mlgraph.CompetencyGraph) -> None:
    ds = {e.target: e.level for e in g.requirements("data-scientist")}
    gap = {
        e.target
        for e in g.requirements("machine-learning-engineer", importance="essential")
        if ds.get(e.target, 0) < e.level
    }
    assert {"model-deployment", "mlops", "docker", "ci-cd", "model-monitoring"} <= gap
    assert not gap & {"machine-learning", "supervised-learning", "model-evaluation", "statistics"}


def test_software_engineer_to_ml_engineer_gap_is_ml_and_maths(g: mlgraph.CompetencyGraph) -> None:
    swe = {e.target: e.level for e in g.requirements("software-engineer")}
    gap = {
        e.target
        for e in g.requirements("machine-learning-engineer", importance="essential")
        if swe.get(e.target, 0) < e.level
    }
    assert {"machine-learning", "linear-algebra", "calculus", "probability", "deep-learning"} <= gap
    assert not gap & {"python", "git", "docker", "ci-cd", "algorithms", "software-engineering-principles"}


def test_head_of_ai_is_a_leadership_profile(g: mlgraph.CompetencyGraph) -> None:
    reqs = {e.target: e for e in g.requirements("head-of-ai")}
    for leading in ["leadership", "ai-strategy", "budgeting-and-hiring", "stakeholder-management"]:
        assert reqs[leading].level >= 4 and reqs[leading].importance == "essential", leading


@pytest.mark.parametrize(
    ("upper", "lower"),
    [("ai-manager", "machine-learning-engineer")],
)
def test_a_role_up_the_ladder_keeps_the_depth_of_the_role_below(g: mlgraph.CompetencyGraph, upper, lower) -> None:  # type: ignore[no-untyped-def]
    """So that moving down a ladder costs less than moving up it: the upper role covers the lower's essentials."""
    levels = {e.target: e.level for e in g.requirements(upper)}
    for req in g.requirements(lower, importance="essential"):
        assert levels.get(req.target, 0) >= req.level, (upper, req.target)


def test_ml_engineer_plan_holds_what_the_seeds_stress(g: mlgraph.CompetencyGraph) -> None:
    # issue 11: requiring deep learning and ML must bring their parts, not a single opaque node
    plan = _closure(g, [e.target for e in g.requirements("machine-learning-engineer")])
    wanted = {
        "convolutional-neural-networks",
        "recurrent-neural-networks",
        "transformers",
        "clustering",
        "principal-component-analysis",
        "embeddings",
        "software-testing",
        "data-quality",
    }
    assert wanted <= plan, sorted(wanted - plan)


def test_data_analyst_plan_stays_out_of_deep_learning(g: mlgraph.CompetencyGraph) -> None:
    plan = _closure(g, [e.target for e in g.requirements("data-analyst", importance="essential")])
    assert not plan & {"transformers", "deep-learning", "neural-networks", "backpropagation", "kubernetes"}


def test_salaries_come_from_seeds(g, sources) -> None:
    with_salary = [r for r in g.nodes("role") if r.salaries]
    assert "machine-learning-engineer" in {r.id for r in with_salary}
    for role in with_salary:
        for salary in role.salaries:
            assert sources[salary.source].kind == "seed", (role.id, salary)
            assert salary.min is not None or salary.max is not None


def test_ml_engineer_salaries_keep_each_seed_separately(g: mlgraph.CompetencyGraph) -> None:
    cited = {s.source for s in g.node("machine-learning-engineer").salaries}
    assert {"001_b185e8d8e9bbb192.txt", "002_a375e7dc02aae0c9.txt", "003_dac268bc5eb23180.txt"} <= cited


# ---------------------------------------------------------------------------------------------- names
@pytest.mark.parametrize(("name", "node_id"), sorted(ALIASES.items()))
def test_abbreviations_resolve(g: mlgraph.CompetencyGraph, name: str, node_id: str) -> None:
    assert g.resolve(name).id == node_id


@pytest.mark.parametrize("name", SEED_MENTIONS)
def test_seed_mentions_resolve(g: mlgraph.CompetencyGraph, name: str) -> None:
    g.resolve(name)


# ---------------------------------------------------------------------------------------------- expert checks
@pytest.mark.parametrize(("before", "after"), SPOT_CHECKS)
def test_expert_order(g: mlgraph.CompetencyGraph, before: str, after: str) -> None:
    assert before in _before(g, after), f"{before} must come before {after}"


@pytest.mark.parametrize(("unneeded", "node_id"), NOT_BEFORE)
def test_no_needless_order(g: mlgraph.CompetencyGraph, unneeded: str, node_id: str) -> None:
    assert unneeded not in _before(g, node_id), f"{unneeded} is not needed before {node_id}"


@pytest.mark.parametrize("role", [r for r, _ in LADDERS] + ["ml-architect", "head-of-ai", "nlp-engineer"])
def test_role_plan_is_closed_and_ordered(g: mlgraph.CompetencyGraph, role: str) -> None:
    plan = _closure(g, [e.target for e in g.requirements(role)])
    order = list(nx.topological_sort(_order_dag(g).subgraph(plan)))
    position = {node: i for i, node in enumerate(order)}
    for before, after in SPOT_CHECKS:
        if before in plan and after in plan:
            assert position[before] < position[after]


def test_every_resource_teaches_something(g: mlgraph.CompetencyGraph) -> None:
    for resource in g.nodes("resource"):
        taught = [e.target for e in g.edges_of(resource.id) if e.relation == "teaches" and e.source == resource.id]
        assert taught, resource.id
        assert all(g.node(t).is_learnable for t in taught)


def test_core_ml_engineer_skills_have_resources(g: mlgraph.CompetencyGraph) -> None:
    for competency in ["python", "machine-learning", "deep-learning", "mlops", "model-deployment", "linear-algebra"]:
        assert g.resources_for(competency), competency


# ---------------------------------------------------------------------------------------------- own words
def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_descriptions_do_not_copy_seed_sentences(g: mlgraph.CompetencyGraph) -> None:
    n = 8
    seen: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        words = _words(seed.read_text(encoding="utf-8"))
        seen.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    copied = []
    for node in g.nodes():
        words = _words(node.description)
        if any(tuple(words[i : i + n]) in seen for i in range(len(words) - n + 1)):
            copied.append(node.id)
    assert not copied, f"descriptions with an 8-word run copied from a seed: {copied}"


# ---------------------------------------------------------------------------------------------- catalogue
def test_catalogue_is_in_sync(g: mlgraph.CompetencyGraph) -> None:
    path = ROOT / "ontology" / "CATALOGUE.md"
    assert path.read_text(encoding="utf-8") == catalogue(g), "run python -m mlgraph.io.catalogue"


def test_catalogue_lists_every_node(g: mlgraph.CompetencyGraph) -> None:
    text = catalogue(g)
    assert all(f"`{node}`" in text for node in g)
    for kind, count in g.count_by_kind().items():
        assert f"| {kind} | {count} |" in text
