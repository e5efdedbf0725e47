"""What the published OpenAPI schema promises, for tests that hold an answer to it. The schema
is generated once per test process (it takes a second or two) and only read."""

import functools

from drf_spectacular.generators import SchemaGenerator


@functools.cache
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def resolve(node: dict) -> dict:
    """`node`, with its `$ref` followed to the component."""
    while "$ref" in node:
        node = schema()["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def operation(path: str, method: str) -> dict | None:
    return schema()["paths"].get(path, {}).get(method)


def response(path: str, method: str, status: str = "200") -> dict:
    """The JSON body `method` on `path` documents for `status`, resolved."""
    content = operation(path, method)["responses"][status]["content"]
    return resolve(content["application/json"]["schema"])


def parameters(path: str, method: str) -> set[str]:
    return {p["name"] for p in operation(path, method).get("parameters", [])}
