"""Content tests for the 2026 half of the bundled graph (issue 12): LLM-era practice, ML systems, the new roles,
the prerequisite fixes and the requirements audit.

These are the checks a hiring manager who builds ML systems in 2026 would make: the topics today's job ads ask
for are present, placed in the hierarchy and in a sensible learning order, the roles that ask for them exist with
believable profiles, and nothing the seed articles name is left unrequired. ``tests/test_content.py`` keeps the
classical checks.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import mlgraph

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SEEDS = {
    "000_7395cd2b4ee1b392.txt",
    "001_b185e8d8e9bbb192.txt",
    "002_a375e7dc02aae0c9.txt",
    "003_dac268bc5eb23180.txt",
    "004_df48a410c08d13f5.txt",
}

# the topics of issue 12 items 1-2 in this half, with the area each belongs to
NEW_TOPICS = {
    "llm-apis": "llm",
    "open-weight-models": "llm",
    "tokenization": "llm",
    "llm-fundamentals": "llm",
    "structured-output": "llm",
    "function-calling": "llm",
    "llm-agents": "llm",
    "agent-loop": "llm",
    "multi-agent-llm-systems": "llm",
    "model-context-protocol": "llm",
    "context-engineering": "llm",
    "agent-memory": "llm",
    "document-chunking": "llm",
    "embedding-models": "llm",
    "keyword-search": "nlp",
    "hybrid-search": "llm",
    "reranking": "llm",
    "semantic-search": "llm",
    "vector-databases": "llm",
    "approximate-nearest-neighbours": "llm",
    "faiss": "llm",
    "qdrant": "llm",
    "pgvector": "llm",
    "llm-evaluation": "llm",
    "llm-benchmarks": "llm",
    "llm-as-a-judge": "llm",
    "llm-evaluation-sets": "llm",
    "llm-tracing": "mlops",
    "llm-guardrails": "responsible-ai",
    "prompt-injection": "responsible-ai",
    "ai-red-teaming": "responsible-ai",
    "llm-inference": "ml-systems",
    "kv-cache": "ml-systems",
    "continuous-batching": "ml-systems",
    "model-quantization": "ml-systems",
    "knowledge-distillation": "ml-systems",
    "vllm": "ml-systems",
    "local-llm-runtimes": "ml-systems",
    "llmops": "mlops",
    "llm-cost-and-latency": "mlops",
    "fine-tuning": "deep-learning",
    "llm-fine-tuning": "llm",
    "parameter-efficient-fine-tuning": "llm",
    "llm-alignment": "llm",
    "multimodal-models": "llm",
    "contrastive-image-text-models": "llm",
    "speech-to-text": "llm",
    "distributed-training": "ml-systems",
    "data-parallelism": "ml-systems",
    "model-parallelism": "ml-systems",
    "pytorch-ddp": "ml-systems",
    "fsdp": "ml-systems",
    "deepspeed": "ml-systems",
    "gpu-computing": "ml-systems",
    "cuda-programming": "ml-systems",
    "mixed-precision-training": "ml-systems",
    "recommender-systems": "applied-ml",
    "two-tower-models": "applied-ml",
    "learning-to-rank": "applied-ml",
    "ros": "applied-ml",
    "slam": "applied-ml",
    "state-estimation": "applied-ml",
}

# (learned first, learned later) in a plan from zero: prerequisites and core parts, transitively
EXPERT_ORDER_2026 = [
    ("tokenization", "llm-apis"),
    ("rest-apis", "llm-apis"),
    ("llm-apis", "structured-output"),
    ("structured-output", "function-calling"),
    ("function-calling", "agent-loop"),
    ("function-calling", "model-context-protocol"),
    ("prompt-engineering", "context-engineering"),
    ("embeddings", "retrieval-augmented-generation"),
    ("embeddings", "embedding-models"),
    ("embedding-models", "semantic-search"),
    ("approximate-nearest-neighbours", "vector-databases"),
    ("keyword-search", "hybrid-search"),
    ("semantic-search", "reranking"),
    ("document-chunking", "retrieval-augmented-generation"),
    ("model-evaluation", "llm-evaluation"),
    ("llm-evaluation-sets", "llm-as-a-judge"),
    ("prompt-injection", "llm-guardrails"),
    ("neural-networks", "attention-mechanism"),
    ("attention-mechanism", "kv-cache"),
    ("kv-cache", "continuous-batching"),
    ("docker", "vllm"),
    ("model-serving", "llm-inference"),
    ("transfer-learning", "fine-tuning"),
    ("fine-tuning", "parameter-efficient-fine-tuning"),
    ("fine-tuning", "llm-fine-tuning"),
    ("llm-fine-tuning", "llm-alignment"),
    ("numerical-precision", "mixed-precision-training"),
    ("data-parallelism", "model-parallelism"),
    ("pytorch", "pytorch-ddp"),
    ("pytorch-ddp", "fsdp"),
    ("gpu-computing", "cuda-programming"),
    ("rest-apis", "model-serving"),
    ("model-deployment", "deployment-strategies"),
    ("feature-engineering", "ml-pipelines"),
    ("hyperparameter-tuning", "experiment-tracking"),
    ("state-estimation", "slam"),
    ("robot-kinematics", "motion-planning"),
    ("collaborative-filtering", "recommender-systems"),
    ("ranking-metrics", "learning-to-rank"),
    ("cloud-fundamentals", "aws"),
]

# orders the issue calls wrong: the first must NOT be needed before the second
NOT_BEFORE = [
    ("density-estimation", "generative-ai"),
    ("large-language-models", "fine-tuning"),
    ("fastapi", "model-serving"),
    ("a-b-testing", "deployment-strategies"),
    ("generative-ai", "diffusion-models"),
    ("sql", "robotics"),
    ("transformers", "keyword-search"),
]

NEW_ROLES = {
    "Applied Scientist": "applied-scientist",
    "ML Research Engineer": "ml-research-engineer",
    "Senior ML Engineer": "senior-machine-learning-engineer",
    "ML Platform Engineer": "ml-platform-engineer",
    "Inference Engineer": "ml-platform-engineer",
    "AI Agent Engineer": "ai-agent-engineer",
    "Analytics Engineer": "analytics-engineer",
    "Recommender Systems Engineer": "recommender-systems-engineer",
    "AI Product Manager": "ai-product-manager",
    "Responsible AI Specialist": "responsible-ai-specialist",
}

# crosswalks that really exist in O*NET 29.2 / ESCO 1.2.0, per new role
CROSSWALKS = {
    "applied-scientist": {"15-1221.00"},
    "ml-research-engineer": {"15-1221.00"},
    "ml-platform-engineer": {"15-1299.08"},
    "analytics-engineer": {"15-1243.01", "http://data.europa.eu/esco/occupation/1562c7a3-c7d9-419d-b9b6-db26610bcf84"},
    "ai-product-manager": {"http://data.europa.eu/esco/occupation/a79170ad-0b7b-4697-864f-1748359aa10a"},
    "responsible-ai-specialist": {"11-9199.02"},
}

# what issue 12 item 5 names as required by no role or only weakly before
AUDITED = [
    "production-ml-debugging",
    "data-collection",
    "clustering",
    "recurrent-neural-networks",
    "keras",
    "github",
    "bias-mitigation",
    "data-quality",
    "model-optimization",
    "nosql-databases",
    "r",
]

# areas whose items count as leadership or governance, not technical depth, for leadership roles
NON_TECHNICAL_AREAS = {"professional", "responsible-ai"}
GOVERNANCE = {"data-governance"}


@pytest.fixture(scope="module")
def g() -> mlgraph.CompetencyGraph:
    return mlgraph.load()


def _order_dag(g: mlgraph.CompetencyGraph) -> nx.DiGraph:
    """Prerequisite edges plus core part -> umbrella edges: the order every learning plan must respect."""
    dag = nx.DiGraph(g.prerequisite_dag())
    dag.add_edges_from((e.source, e.target) for e in g.edges("broader") if e.core)
    return dag


def _before(g: mlgraph.CompetencyGraph, node_id: str) -> set[str]:
    return nx.ancestors(g.derived("test_content_2026.order_dag", _order_dag), node_id)


def _parts(g: mlgraph.CompetencyGraph, umbrella: str, *, core_only: bool = False) -> set[str]:
    return {
        e.source
        for e in g.edges_of(umbrella)
        if e.relation == "broader" and e.target == umbrella and (e.core or not core_only)
    }


def _required(g: mlgraph.CompetencyGraph) -> dict[str, list]:
    found: dict[str, list] = {}
    for role in g.nodes("role"):
        for e in g.requirements(role.id):
            found.setdefault(e.target, []).append(e)
    return found


# ---------------------------------------------------------------------------------------------- size
def test_graph_reaches_the_issue_targets(g: mlgraph.CompetencyGraph) -> None:
    assert len(g) >= 550
    assert len(g.nodes("role")) >= 25


# ---------------------------------------------------------------------------------------------- topics
@pytest.mark.parametrize(("node_id", "area"), sorted(NEW_TOPICS.items()))
def test_new_topic_is_described_estimated_and_placed(g: mlgraph.CompetencyGraph, node_id: str, area: str) -> None:
    node = g.node(node_id)
    assert node.is_learnable
    assert node.area == area
    assert node.description and node.sources
    assert node.effort_hours and 1 <= node.effort_hours <= 150


def test_new_topics_are_required_by_some_role(g: mlgraph.CompetencyGraph) -> None:
    required = _required(g)
    assert not [t for t in NEW_TOPICS if t not in required]


def test_vector_databases_are_not_semantic_search(g: mlgraph.CompetencyGraph) -> None:
    assert g.resolve("vector databases").id == "vector-databases"
    assert g.resolve("vector store").id == "vector-databases"
    assert g.resolve("semantic search").id == "semantic-search"
    assert g.resolve("HNSW").id == "approximate-nearest-neighbours"
    assert g.resolve("BM25").id == "keyword-search"
    assert g.resolve("MCP").id == "model-context-protocol"
    assert g.resolve("Ollama").id == "local-llm-runtimes"
    assert g.resolve("DDP").id == "pytorch-ddp"
    assert g.resolve("CUDA").id == "cuda-programming"


@pytest.mark.parametrize(
    ("umbrella", "parts"),
    [
        ("retrieval-augmented-generation", {"document-chunking", "embedding-models", "hybrid-search", "reranking"}),
        ("llm-agents", {"agent-loop", "function-calling"}),
        ("large-language-models", {"tokenization", "llm-apis", "prompt-engineering", "structured-output"}),
        ("llm-evaluation", {"llm-benchmarks", "llm-evaluation-sets", "llm-as-a-judge"}),
        ("llm-inference", {"kv-cache", "continuous-batching", "vllm"}),
        ("distributed-training", {"data-parallelism", "model-parallelism", "pytorch-ddp"}),
        ("mlops", {"model-deployment", "model-monitoring", "ml-pipelines", "experiment-tracking"}),
        ("robotics", {"ros", "robot-kinematics", "control-theory", "state-estimation", "slam", "motion-planning"}),
        ("recommender-systems", {"collaborative-filtering", "two-tower-models", "learning-to-rank"}),
    ],
)
def test_umbrella_is_reached_through_its_core_parts(g: mlgraph.CompetencyGraph, umbrella: str, parts: set) -> None:
    assert parts <= _parts(g, umbrella, core_only=True)
    # the umbrella is never something to learn before its own parts
    assert not [p for p in _parts(g, umbrella) if umbrella in g.prerequisites(p, transitive=True)]


def test_llm_umbrellas_nest(g: mlgraph.CompetencyGraph) -> None:
    assert "large-language-models" in _parts(g, "generative-ai")
    for part in ["retrieval-augmented-generation", "llm-agents", "llm-inference", "llm-fine-tuning"]:
        assert part in _parts(g, "large-language-models"), part
    assert "llmops" in _parts(g, "mlops")
    assert {"llm-guardrails", "prompt-injection", "ai-red-teaming"} <= _parts(g, "responsible-ai")


# ---------------------------------------------------------------------------------------------- order
@pytest.mark.parametrize(("before", "after"), EXPERT_ORDER_2026)
def test_expert_order_2026(g: mlgraph.CompetencyGraph, before: str, after: str) -> None:
    assert before in _before(g, after), f"{before} must come before {after}"


@pytest.mark.parametrize(("first", "second"), NOT_BEFORE)
def test_no_wrong_order(g: mlgraph.CompetencyGraph, first: str, second: str) -> None:
    assert first not in _before(g, second), f"{second} must not need {first}"


def test_fine_tuning_is_a_general_skill(g: mlgraph.CompetencyGraph) -> None:
    before = _before(g, "fine-tuning")
    assert not before & {"large-language-models", "llm-fundamentals", "tokenization", "natural-language-processing"}
    assert {"large-language-models", "llm-fundamentals"} & _before(g, "llm-fine-tuning")


def test_data_analyst_plan_stays_out_of_llm_engineering(g: mlgraph.CompetencyGraph) -> None:
    plan: set[str] = set()
    for e in g.requirements("data-analyst", importance="essential"):
        plan |= {e.target} | _before(g, e.target)
    assert not plan & {"llm-apis", "vllm", "transformers", "kv-cache", "distributed-training", "gpu-computing"}


def test_ai_engineer_plan_holds_the_2026_stack(g: mlgraph.CompetencyGraph) -> None:
    plan: set[str] = set()
    for e in g.requirements("ai-engineer", importance="essential"):
        plan |= {e.target} | _before(g, e.target)
    assert {
        "tokenization",
        "llm-apis",
        "structured-output",
        "function-calling",
        "embedding-models",
        "hybrid-search",
        "reranking",
        "llm-evaluation-sets",
        "llm-guardrails",
        "llm-tracing",
    } <= plan
    # the AI engineer builds on models, it does not train them at scale
    assert not plan & {"distributed-training", "cuda-programming", "fsdp"}


# ---------------------------------------------------------------------------------------------- roles
@pytest.mark.parametrize(("name", "role_id"), sorted(NEW_ROLES.items()))
def test_new_role_has_a_profile_and_a_place_on_the_ladders(g: mlgraph.CompetencyGraph, name: str, role_id: str) -> None:
    role = g.resolve(name)
    assert role.id == role_id and role.kind == "role" and role.description
    requirements = g.requirements(role_id)
    assert 10 <= len(requirements) <= 50, len(requirements)
    assert len(g.requirements(role_id, importance="essential")) >= 8
    assert g.progressions(role_id), "a usual next role"
    incoming = [e for e in g.edges("progression") if e.target == role_id]
    assert incoming, "some role leads here"


@pytest.mark.parametrize(("role_id", "codes"), sorted(CROSSWALKS.items()))
def test_new_role_crosswalk(g: mlgraph.CompetencyGraph, role_id: str, codes: set) -> None:
    have = {m.code or m.uri for m in g.node(role_id).mappings}
    assert codes <= have


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data (ESCO and O*NET extracts) not present")
def test_new_role_crosswalks_exist_in_the_classifications() -> None:
    onet = (DATA / "onet-29.2" / "Occupation Data.txt").read_text(encoding="utf-8")
    esco = (DATA / "esco-1.2.0" / "occupations_en.csv").read_text(encoding="utf-8")
    for codes in CROSSWALKS.values():
        for code in codes:
            assert (code in esco) if code.startswith("http") else (f"\n{code}\t" in onet), code


def test_senior_ml_engineer_is_an_individual_contributor(g: mlgraph.CompetencyGraph) -> None:
    assert g.resolve("Senior Machine Learning Engineer").id == "senior-machine-learning-engineer"
    assert g.resolve("Lead ML Engineer").id == "lead-machine-learning-engineer"
    senior = {e.target: e for e in g.requirements("senior-machine-learning-engineer")}
    for e in g.requirements("machine-learning-engineer", importance="essential"):
        assert senior[e.target].level >= e.level, e.target
    assert senior["ml-system-design"].level > 3
    assert "leadership" not in senior or senior["leadership"].importance == "optional"
    assert "senior-machine-learning-engineer" in g.progressions("machine-learning-engineer")
    assert "lead-machine-learning-engineer" in g.progressions("senior-machine-learning-engineer")


def test_ml_engineer_asks_for_2026_basics(g: mlgraph.CompetencyGraph) -> None:
    reqs = {e.target: e for e in g.requirements("machine-learning-engineer")}
    for node_id in ["embeddings", "transformers", "software-testing", "data-quality"]:
        assert reqs[node_id].importance == "essential" and reqs[node_id].level >= 3, node_id
    assert reqs["gpu-computing"].level >= 2


def test_reinforcement_learning_weight_follows_the_seeds(g: mlgraph.CompetencyGraph) -> None:
    # three of the five seeds list RL with supervised and unsupervised learning as what an ML engineer should know;
    # none makes it a daily tool, so: basic level for the ML engineer, working level for research and robotics
    rl = {e.source: e for e in g.edges("requirement") if e.target == "reinforcement-learning"}
    assert rl["machine-learning-engineer"].level == 2
    assert rl["ai-research-scientist"].level >= 3
    assert rl["robotics-engineer"].level >= 3
    cited = set(g.node("reinforcement-learning").sources)
    assert len(cited & SEEDS) >= 3


def test_head_of_ai_keeps_technical_items_at_awareness(g: mlgraph.CompetencyGraph) -> None:
    deep = [
        (e.target, e.level)
        for e in g.requirements("head-of-ai")
        if g.node(e.target).area not in NON_TECHNICAL_AREAS and e.target not in GOVERNANCE and e.level > 2
    ]
    assert not deep
    leading = {e.target: e.level for e in g.requirements("head-of-ai", importance="essential")}
    assert min(leading[n] for n in ["leadership", "ai-strategy", "stakeholder-management"]) >= 4


def test_robotics_engineer_is_a_robotics_profile(g: mlgraph.CompetencyGraph) -> None:
    reqs = {e.target: e for e in g.requirements("robotics-engineer")}
    for node_id in ["ros", "robot-kinematics", "control-theory", "state-estimation", "slam", "cpp"]:
        assert reqs[node_id].importance == "essential" and reqs[node_id].level >= 3, node_id
    essentials = {n for n, e in reqs.items() if e.importance == "essential"}
    assert not essentials & {"sql", "kubernetes", "apache-spark", "ml-pipelines"}


def test_ai_agent_engineer_is_distinct_from_ai_engineer(g: mlgraph.CompetencyGraph) -> None:
    agent = {e.target: e.level for e in g.requirements("ai-agent-engineer")}
    ai = {e.target: e.level for e in g.requirements("ai-engineer")}
    deeper = [
        n
        for n in ["function-calling", "model-context-protocol", "agent-loop", "llm-tracing"]
        if agent[n] > ai.get(n, 0)
    ]
    assert len(deeper) >= 3
    assert len(set(agent) ^ set(ai)) >= 15


def test_inference_engineer_asks_for_serving_depth(g: mlgraph.CompetencyGraph) -> None:
    reqs = {e.target: e.level for e in g.requirements("ml-platform-engineer", importance="essential")}
    assert min(reqs[n] for n in ["llm-inference", "kv-cache", "model-quantization", "vllm", "gpu-computing"]) >= 4


# ---------------------------------------------------------------------------------------------- audit
def test_every_seed_named_competency_is_required(g: mlgraph.CompetencyGraph) -> None:
    required = _required(g)
    named = [n.id for n in g.nodes() if n.is_learnable and set(n.sources) & SEEDS]
    assert not [n for n in named if n not in required]


@pytest.mark.parametrize("node_id", AUDITED)
def test_audited_competency_is_required_in_earnest(g: mlgraph.CompetencyGraph, node_id: str) -> None:
    reqs = _required(g)[node_id]
    assert any(e.importance == "essential" or e.level >= 3 for e in reqs), node_id


# ---------------------------------------------------------------------------------------------- resources and sources
def test_every_resource_states_its_effort(g: mlgraph.CompetencyGraph) -> None:
    assert not [r.id for r in g.nodes("resource") if not (r.effort_hours and 0 < r.effort_hours <= 150)]


@pytest.mark.parametrize(
    "node_id",
    [
        "llm-apis",
        "retrieval-augmented-generation",
        "llm-agents",
        "model-context-protocol",
        "llm-evaluation",
        "vllm",
        "distributed-training",
        "prompt-injection",
        "parameter-efficient-fine-tuning",
        "ros",
    ],
)
def test_2026_topics_have_a_resource(g: mlgraph.CompetencyGraph, node_id: str) -> None:
    assert g.resources_for(node_id), node_id


def test_public_sources_have_an_address(g: mlgraph.CompetencyGraph) -> None:
    others = [s for s in g.records()[2] if s.kind == "other"]
    assert len(others) >= 30
    assert all(s.url and s.url.startswith(("http://", "https://")) for s in others)
