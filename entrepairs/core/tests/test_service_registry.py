"""Every API write endpoint of the domain apps reaches a registered service of its app.

How it works (see entrepairs/core/services.py for the why): the endpoints are those drf-spectacular's
generator builds the OpenAPI schema from; for each POST, PUT, PATCH and DELETE operation whose view
belongs to one of APPS, the view's handler is read statically:

- a handler of our own code is parsed (ast) and every name it uses is resolved in its module
  (`services.member_add`, `self.perform_create`, `s.AssignTutorSerializer`...);
- DRF's generic `create`/`update`/`destroy` stand for the view's `perform_create`/`perform_update`/
  `perform_destroy`, and DRF's default `perform_*` (`serializer.save()`, `instance.delete()`) for the
  serializer's `create`/`update` — DRF's own `ModelSerializer.create` is a direct save and fails;
- `serializer.save(...)` in our code stands for the serializer's `create` and `update`;
- our own helpers, methods and serializers are followed up to DEPTH levels.

The endpoint passes when a function marked `@service` of the same app is reached. A static check
covers every endpoint without valid input for each, never flakes on data, and fails the day someone
writes `serializer.save()` into a new endpoint. Its limit: it proves the service is *referenced*,
not that every branch calls it; the parity suites (`test_write_parity.py` of each app) drive the
important writes for real and assert the service ran (`entrepairs.core.services.recording`).
"""

from __future__ import annotations

import ast
import builtins
import inspect
import textwrap
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers

from entrepairs.core.services import is_service

APPS = ("accounts", "groups", "mentoring", "onboarding", "organisations", "people")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
DEPTH = 5
# POST operations that write nothing (a computation answered in the body), with the reason.
READ_ONLY_POSTS = {
    "/api/v1/groups/compose/": "proposes groups; nothing is saved",
    "/api/v1/groups/compose/check/": "checks hand-edited groups against the rules; nothing is saved",
    "/api/v1/groups/situations/check/": "finds identifying words in a text; nothing is saved",
}
GENERIC = {
    "create": ("perform_create", "create"),
    "update": ("perform_update", "update"),
    "partial_update": ("perform_update", "update"),
    "destroy": ("perform_destroy", None),
}


def _ours(obj: Any) -> bool:
    return (getattr(obj, "__module__", "") or "").startswith("entrepairs.")


def _dotted(node: ast.AST) -> list[str] | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super":
        return ["super", *reversed(parts)]
    return None


def _resolve(chain: list[str], func: Any, owner: type | None) -> Any:
    head, *rest = chain
    if head in ("self", "cls"):
        obj: Any = owner
    elif head == "super":
        obj = owner.__mro__[1] if owner is not None else None
    else:
        scope = getattr(inspect.unwrap(func), "__globals__", {})
        obj = scope.get(head, getattr(builtins, head, None))
    for name in rest:
        if obj is None:
            return None
        obj = (
            inspect.getattr_static(obj, name, None)
            if isinstance(obj, type)
            else getattr(obj, name, None)
        )
        if isinstance(obj, (staticmethod, classmethod)):
            obj = obj.__func__
    return obj


def _serializer_methods(serializer_class: Any, which: tuple[str, ...]) -> list[Any]:
    if not isinstance(serializer_class, type):
        return []
    return [getattr(serializer_class, name) for name in which if hasattr(serializer_class, name)]


def _owner_of(obj: Any, default: type | None) -> type | None:
    qualname = getattr(obj, "__qualname__", "")
    if "." not in qualname:
        return default
    module = inspect.getmodule(obj)
    found: Any = module
    for part in qualname.split(".")[:-1]:
        found = getattr(found, part, None)
    return found if isinstance(found, type) else default


def reaches_service(
    func: Any, app: str, owner: type | None, serializer: Any, depth: int = 0
) -> bool:
    if is_service(func):
        return func.__service__.startswith(f"entrepairs.{app}.")
    if depth > DEPTH or not callable(func):
        return False
    if isinstance(func, type):
        if issubclass(func, serializers.BaseSerializer) and _ours(func):
            methods = _serializer_methods(func, ("create", "update"))
            return any(reaches_service(m, app, func, func, depth + 1) for m in methods)
        return False
    target = inspect.unwrap(func)
    if not _ours(target):
        if getattr(target, "__name__", "") == "save" and serializer is not None:
            methods = _serializer_methods(serializer, ("create", "update"))
            return any(reaches_service(m, app, serializer, serializer, depth + 1) for m in methods)
        return False
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(target)))
    except (OSError, TypeError):
        return False
    for node in ast.walk(tree):
        saves = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "save"
            and serializer is not None
        )
        if saves:
            methods = _serializer_methods(serializer, ("create", "update"))
            if any(reaches_service(m, app, serializer, serializer, depth + 1) for m in methods):
                return True
        if not isinstance(node, (ast.Attribute, ast.Name)):
            continue
        chain = _dotted(node)
        if chain is None:
            continue
        found = _resolve(chain, target, owner)
        if found is None or found is func:
            continue
        if is_service(found):
            if found.__service__.startswith(f"entrepairs.{app}."):
                return True
            continue
        if (callable(found) and _ours(inspect.unwrap(found))) and reaches_service(
            found, app, _owner_of(found, owner), serializer, depth + 1
        ):
            return True
    return False


def refuses_only(func: Any) -> bool:
    """A handler whose body only raises (e.g. "groups end, they are not deleted") writes nothing."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(func))))
    except (OSError, TypeError):
        return False
    body = tree.body[0].body if tree.body and hasattr(tree.body[0], "body") else []
    statements = [
        b
        for b in body
        if not (isinstance(b, ast.Expr) and isinstance(getattr(b, "value", None), ast.Constant))
    ]
    return bool(statements) and all(isinstance(b, ast.Raise) for b in statements)


def _write_endpoints() -> list[tuple[str, str, Any]]:
    generator = SchemaGenerator()
    schema = generator.get_schema(request=None, public=True)
    found = []
    for path, _regex, method, view in generator._get_paths_and_endpoints():
        module = type(view).__module__
        app = module.split(".")[1] if module.startswith("entrepairs.") else ""
        if method not in WRITES or app not in APPS or path in READ_ONLY_POSTS:
            continue
        assert method.lower() in schema["paths"].get(path, {}), (path, method)
        found.append((f"{method} {path}", app, view))
    return found


def _handler(view: Any, method: str) -> tuple[list[Any], Any]:
    """The functions that carry out the write, and the serializer class they save through."""
    cls = type(view)
    serializer = getattr(cls, "serializer_class", None)
    if hasattr(view, "action") and view.action:
        handler = getattr(cls, view.action)
    else:
        handler = getattr(cls, method.lower())
    if _ours(inspect.unwrap(handler)) or view.action not in GENERIC:
        return [handler], serializer
    hook_name, serializer_method = GENERIC[view.action]
    hook = getattr(cls, hook_name)
    if _ours(hook):
        return [hook], serializer
    if serializer_method is None:
        return [], serializer  # DRF's default destroy: instance.delete(), no service
    return _serializer_methods(serializer, (serializer_method,)), serializer


ENDPOINTS = None


def _endpoints() -> list[tuple[str, str, Any]]:
    global ENDPOINTS
    if ENDPOINTS is None:
        ENDPOINTS = _write_endpoints()
    return ENDPOINTS


def test_it_finds_the_write_endpoints_of_every_app() -> None:
    apps = {app for _name, app, _view in _endpoints()}
    assert apps == set(APPS)
    assert any(name == "PATCH /api/v1/groups/{id}/" for name, _a, _v in _endpoints())


def test_it_sees_a_direct_save_as_no_service() -> None:
    """The check's own control: DRF's ModelSerializer.create saves directly."""

    class Direct(serializers.ModelSerializer):
        pass

    assert not reaches_service(serializers.ModelSerializer.create, "groups", None, Direct)


@pytest.mark.django_db
def test_it_reaches_a_service_of_the_app_from_every_write_endpoint() -> None:
    missing = []
    for name, app, view in _endpoints():
        method = name.split(" ")[0]
        handlers, serializer = _handler(view, method)
        owner = type(view)
        if handlers and all(refuses_only(h) for h in handlers):
            continue
        if not any(reaches_service(h, app, owner, serializer) for h in handlers):
            missing.append(name)
    assert missing == []
