"""Hostile files: empty, truncated, of another format, XML entity bombs, external entities, remote contexts.

Each gives a prompt :class:`~mlgraph.errors.MlgraphError` naming the file, and nothing is read from the local
disk or the network on the file's say-so: the secret below must never show up anywhere.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import mlgraph
from mlgraph.errors import FormatError, MlgraphError

SUFFIXES = [".ttl", ".nt", ".jsonld", ".rdf", ".owl", ".graphml", ".json"]
XML_SUFFIXES = [".rdf", ".owl", ".graphml"]
SECRET = "s3cr3t-f1le-c0ntent"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def refused(path: Path, match: str | None = None) -> MlgraphError:
    """Read `path`, expecting a prompt MlgraphError that names it and shows no secret."""
    start = time.perf_counter()
    with pytest.raises(MlgraphError, match=match) as info:
        mlgraph.read(path)
    assert time.perf_counter() - start < 5
    assert SECRET not in str(info.value)
    if isinstance(info.value, FormatError):
        assert path.name in str(info.value)
    return info.value


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_an_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    refused(path, "empty")


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_a_blank_rdf_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"blank{suffix}"
    path.write_text("\n  \n# only a comment\n")
    refused(path, "no triples")


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_a_truncated_file(mini: mlgraph.CompetencyGraph, tmp_path: Path, suffix: str, fraction: float) -> None:
    data = mlgraph.export(mini, tmp_path / f"full{suffix}").read_bytes()
    cut = int(len(data) * fraction)
    while data[cut - 1 : cut] in (b"\n", b" ", b"}", b">", b"]", b"."):  # cut inside a statement
        cut -= 1
    path = tmp_path / f"truncated{suffix}"
    path.write_bytes(data[:cut])
    refused(path)


@pytest.mark.parametrize(
    ("written_as", "named"),
    [
        (".graphml", ".ttl"),
        (".ttl", ".rdf"),
        (".json", ".graphml"),
        (".rdf", ".jsonld"),
        (".ttl", ".json"),
        (".nt", ".owl"),
    ],
)
def test_a_file_of_another_format(mini: mlgraph.CompetencyGraph, tmp_path: Path, written_as: str, named: str) -> None:
    data = mlgraph.export(mini, tmp_path / f"real{written_as}").read_bytes()
    path = tmp_path / f"wrong{named}"
    path.write_bytes(data)
    refused(path)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_binary_junk(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    refused(path)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""

BODIES = {
    ".rdf": """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:skos="http://www.w3.org/2004/02/skos/core#" xmlns:mlg="https://w3id.org/mlgraph/ontology#">
  <mlg:Concept rdf:about="https://w3id.org/mlgraph/x">
    <skos:prefLabel xml:lang="en">{entity}</skos:prefLabel>
  </mlg:Concept>
</rdf:RDF>
""",
    ".graphml": """<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="kind" for="node" attr.name="kind" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="x"><data key="kind">concept</data><data key="label">{entity}</data></node>
  </graph>
</graphml>
""",
}
BODIES[".owl"] = BODIES[".rdf"]


@pytest.mark.parametrize("suffix", XML_SUFFIXES)
def test_the_same_files_without_a_doctype_read(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"plain{suffix}"
    path.write_text('<?xml version="1.0"?>\n' + BODIES[suffix].format(entity="X &amp; Y"))
    assert mlgraph.read(path).node("x").label == "X & Y"


@pytest.mark.parametrize("suffix", XML_SUFFIXES)
def test_the_billion_laughs(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"bomb{suffix}"
    path.write_text(BILLION_LAUGHS + BODIES[suffix].format(entity="&lol9;"))
    error = refused(path, "DOCTYPE declares an entity built from other entities")
    assert error.line == 4  # the first entity built from others


@pytest.mark.parametrize("suffix", XML_SUFFIXES)
def test_a_protege_style_doctype_of_namespace_abbreviations_reads(tmp_path: Path, suffix: str) -> None:
    """Protégé and the OWL API write short literal entities for namespaces: those are harmless and accepted."""
    path = tmp_path / f"protege{suffix}"
    doctype = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
    <!ENTITY skos "http://www.w3.org/2004/02/skos/core#" >
    <!ENTITY name "X" >
]>
"""
    body = BODIES[suffix].format(entity="&name; &amp; Y")
    path.write_text(doctype + body.replace('xmlns:skos="http://www.w3.org/2004/02/skos/core#"', 'xmlns:skos="&skos;"'))
    assert mlgraph.read(path).node("x").label == "X & Y"


@pytest.mark.parametrize("suffix", XML_SUFFIXES)
def test_a_quadratic_blowup_is_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"quadratic{suffix}"
    doctype = f'<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY a "{"a" * 500}"> ]>\n'
    path.write_text(doctype + BODIES[suffix].format(entity="&a;" * 40_000))
    refused(path, "would expand to 20,000,000 characters")


@pytest.mark.parametrize("suffix", XML_SUFFIXES)
def test_attribute_declarations_are_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"attlist{suffix}"
    doctype = '<?xml version="1.0"?>\n<!DOCTYPE x [ <!ATTLIST node id CDATA "injected"> ]>\n'
    path.write_text(doctype + BODIES[suffix].format(entity="x"))
    refused(path, "DOCTYPE declares elements, attributes or notations")


@pytest.mark.parametrize("suffix", XML_SUFFIXES)
def test_an_external_entity_pointing_at_a_local_file(tmp_path: Path, secret: Path, suffix: str) -> None:
    path = tmp_path / f"xxe{suffix}"
    doctype = f'<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY xxe SYSTEM "{secret.as_uri()}"> ]>\n'
    path.write_text(doctype + BODIES[suffix].format(entity="&xxe;"))
    refused(path, "DOCTYPE declares an external entity")


@pytest.mark.parametrize("suffix", XML_SUFFIXES)
def test_an_external_dtd_and_parameter_entities(tmp_path: Path, secret: Path, suffix: str) -> None:
    path = tmp_path / f"dtd{suffix}"
    doctype = f'<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "{secret.as_uri()}">\n'
    path.write_text(doctype + BODIES[suffix].format(entity="x"))
    refused(path, "DOCTYPE names an external DTD")
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY % p SYSTEM "{secret.as_uri()}"> %p; ]>\n'
        + BODIES[suffix].format(entity="x")
    )
    refused(path, "DOCTYPE")


@pytest.mark.parametrize("suffix", XML_SUFFIXES)
def test_a_doctype_hidden_in_utf16_is_still_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"utf16{suffix}"
    text = BILLION_LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    path.write_bytes((text + BODIES[suffix].format(entity="&lol9;")).encode("utf-16"))
    refused(path, "DOCTYPE")


def test_an_xinclude_is_not_followed(tmp_path: Path, secret: Path) -> None:
    path = tmp_path / "xinclude.graphml"
    body = (
        BODIES[".graphml"]
        .format(entity="x")
        .replace(
            "<graph ",
            f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" parse="text"/><graph ',
        )
    )
    path.write_text(body)
    g = mlgraph.read(path)
    assert SECRET not in repr([n.model_dump() for n in g.nodes()])


@pytest.mark.parametrize(
    "context",
    [
        "https://example.org/context.jsonld",
        "file:///etc/hostname",
        ["https://example.org/context.jsonld", {"skos": "http://www.w3.org/2004/02/skos/core#"}],
        {"@import": "https://example.org/context.jsonld"},
    ],
)
def test_a_remote_jsonld_context(tmp_path: Path, secret: Path, context: object) -> None:
    if context == "file:///etc/hostname":
        context = secret.as_uri()
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps({"@context": context, "@id": "https://w3id.org/mlgraph/x", "label": "x"}))
    refused(path, "remote JSON-LD context")


def test_deeply_nested_json(tmp_path: Path) -> None:
    for suffix in (".json", ".jsonld"):
        path = tmp_path / f"deep{suffix}"
        path.write_text("[" * 100_000 + "]" * 100_000)
        refused(path)


def test_the_command_line_refuses_hostile_files_without_a_traceback(tmp_path: Path, secret: Path) -> None:
    path = tmp_path / "bomb.graphml"
    path.write_text(BILLION_LAUGHS + BODIES[".graphml"].format(entity="&lol9;"))
    for args in (["import", str(path)], ["query", "ASK { ?s ?p ?o }", "--file", str(path)]):
        out = subprocess.run(
            [sys.executable, "-m", "mlgraph", *args], capture_output=True, text=True, timeout=60, check=False
        )
        assert out.returncode == 1
        assert "DOCTYPE" in out.stderr and "Traceback" not in out.stderr
    xxe = tmp_path / "xxe.rdf"
    xxe.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY xxe SYSTEM "{secret.as_uri()}"> ]>\n'
        + BODIES[".rdf"].format(entity="&xxe;")
    )
    out = subprocess.run(
        [sys.executable, "-m", "mlgraph", "query", "SELECT ?l WHERE { ?s ?p ?l }", "--file", str(xxe)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 1
    assert SECRET not in out.stdout + out.stderr


# ---------------------------------------------------------------- every public reader, not only mlgraph.read


def _readers() -> dict[str, Callable[[Path, str], object]]:
    """Every public function that reads a graph file, by name: each must pass the same guards."""
    from mlgraph.io import formats, graphml, nodelink, rdf

    def rdf_format(path: Path) -> str:
        return formats.format_of(path)

    return {
        "mlgraph.read": lambda path, suffix: mlgraph.read(path),
        "io.rdf.read_rdf": lambda path, suffix: rdf.read_rdf(path, rdf_format(path)),
        "io.rdf.load_rdflib": lambda path, suffix: rdf.load_rdflib(path, rdf_format(path)),
        "io.formats.rdf_graph": lambda path, suffix: formats.rdf_graph(path),
        "io.graphml.read_graphml": lambda path, suffix: graphml.read_graphml(path),
        "io.nodelink.read_node_link": lambda path, suffix: nodelink.read_node_link(path),
    }


RDF_READERS = ["mlgraph.read", "io.rdf.read_rdf", "io.rdf.load_rdflib", "io.formats.rdf_graph"]
XML_READERS = {".rdf": RDF_READERS, ".graphml": ["mlgraph.read", "io.graphml.read_graphml", "io.formats.rdf_graph"]}


def refused_by(reader: str, path: Path, match: str) -> None:
    start = time.perf_counter()
    with pytest.raises(FormatError, match=match) as info:
        _readers()[reader](path, path.suffix)
    assert time.perf_counter() - start < 5
    assert path.name in str(info.value) and SECRET not in str(info.value)


# a small bomb: old code parsed it (slowly, expanding 10**4 times) instead of refusing it
SMALL_BOMB = BILLION_LAUGHS.split("  <!ENTITY lol5")[0] + "]>\n"


@pytest.mark.parametrize(("suffix", "reader"), [(s, r) for s, readers in XML_READERS.items() for r in readers])
def test_every_xml_reader_refuses_entity_bombs_and_external_entities(
    tmp_path: Path, secret: Path, suffix: str, reader: str
) -> None:
    bomb = tmp_path / f"bomb{suffix}"
    bomb.write_text(SMALL_BOMB + BODIES[suffix].format(entity="&lol4;"))
    refused_by(reader, bomb, "DOCTYPE declares an entity built from other entities")
    xxe = tmp_path / f"xxe{suffix}"
    xxe.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY xxe SYSTEM "{secret.as_uri()}"> ]>\n'
        + BODIES[suffix].format(entity="&xxe;")
    )
    refused_by(reader, xxe, "external entity")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any attempt to open a connection is recorded and fails; and pyoxigraph is hidden, so rdflib parses."""
    import socket

    from mlgraph.io.rdf import terms

    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("the test forbids network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(terms, "_has_oxigraph", lambda: False)
    return attempts


@pytest.mark.parametrize("reader", RDF_READERS)
def test_no_reader_fetches_a_remote_jsonld_context_even_through_rdflib(
    tmp_path: Path, no_network: list[object], reader: str
) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(
        json.dumps({"@context": "http://example.org/context.jsonld", "@id": "https://w3id.org/mlgraph/x", "l": "x"})
    )
    refused_by(reader, path, "remote JSON-LD context")
    assert no_network == []


@pytest.mark.parametrize("reader", list(_readers()))
def test_every_reader_refuses_a_file_over_the_size_limit(
    mini: mlgraph.CompetencyGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader: str
) -> None:
    suffix = {"io.graphml.read_graphml": ".graphml", "io.nodelink.read_node_link": ".json"}.get(reader, ".ttl")
    path = mlgraph.export(mini, tmp_path / f"big{suffix}")
    assert path.stat().st_size > 4096
    monkeypatch.setenv("MLGRAPH_MAX_FILE_MB", str(4096 / (1 << 20)))
    refused_by(reader, path, "more than mlgraph reads")
    monkeypatch.delenv("MLGRAPH_MAX_FILE_MB")
    _readers()[reader](path, suffix)  # within the default limit it reads


@pytest.mark.parametrize("reader", list(_readers()))
def test_every_reader_refuses_devices(tmp_path: Path, reader: str) -> None:
    suffix = {"io.graphml.read_graphml": ".graphml", "io.nodelink.read_node_link": ".json"}.get(reader, ".ttl")
    link = tmp_path / f"device{suffix}"
    link.symlink_to("/dev/null")  # /dev/zero would never end
    refused_by(reader, link, "not a regular file")


def test_the_yaml_loader_and_profiles_pass_the_guards(
    mini: mlgraph.CompetencyGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from mlgraph.io.ontology import read_yaml
    from mlgraph.io.profiles import read_profile

    root = tmp_path / "onto"
    shutil.copytree(Path(__file__).parent / "data" / "mini", root)
    (root / "device.yaml").symlink_to("/dev/null")
    with pytest.raises(FormatError, match="not a regular file"):
        mlgraph.load(root)
    (root / "device.yaml").unlink()
    profile = tmp_path / "me.yaml"
    profile.write_text("known:\n  - " + next(iter(mini.nodes())).id + "\n" + "# padding\n" * 1000)
    monkeypatch.setenv("MLGRAPH_MAX_FILE_MB", str(1024 / (1 << 20)))
    for read in (read_yaml, lambda path: read_profile(mini, path)):
        with pytest.raises(FormatError, match="more than mlgraph reads"):
            read(profile)


def test_shacl_shapes_files_pass_the_guards(mini: mlgraph.CompetencyGraph, tmp_path: Path, secret: Path) -> None:
    from mlgraph.io.shacl import validate

    shapes = tmp_path / "shapes.ttl"
    shapes.symlink_to("/dev/null")
    with pytest.raises(FormatError, match="not a regular file"):
        validate(mini, shapes=shapes)


def test_shacl_validation_is_bounded(mini: mlgraph.CompetencyGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    from mlgraph.io.shacl import validate

    monkeypatch.setenv("MLGRAPH_SHACL_MAX_TRIPLES", "100")
    with pytest.raises(MlgraphError, match="SHACL validation is bounded to 100 triples"):
        validate(mini)
