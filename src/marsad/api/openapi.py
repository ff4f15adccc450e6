"""OpenAPI 3.1 description of the API, generated from the route table."""
from __future__ import annotations

import re

from marsad import __version__
from marsad.api.routes import ROUTES

ERROR = {"type": "object", "properties": {"error": {"type": "object", "properties": {
    "code": {"type": "string"}, "status": {"type": "integer"}, "message": {"type": "string"}}}}}


def spec() -> dict:
    paths: dict = {}
    for r in ROUTES:
        op: dict = {
            "summary": r.summary,
            "operationId": f"{r.method.lower()}_{re.sub(r'[^a-z]+', '_', r.pattern.lower()).strip('_')}",
            "parameters": [
                {"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
                for n in re.findall(r"\{(\w+)\}", r.pattern)
            ] + [
                {"name": n, "in": "query", "required": False, "description": d, "schema": {"type": t}}
                for n, t, d in r.params
            ],
            "responses": {
                "200": {"description": "OK", "content": {r.media: {"schema": {"type": "object"}}}},
                "400": {"description": "bad parameter (E210)", "content": {"application/json": {"schema": ERROR}}},
                "404": {"description": "not found (E213)", "content": {"application/json": {"schema": ERROR}}},
            },
        }
        if r.write:
            op["security"] = [{"token": []}]
            op["responses"]["401"] = {"description": "token missing or wrong (E212)",
                                      "content": {"application/json": {"schema": ERROR}}}
        if r.method == "POST":
            op["requestBody"] = {"required": True, "content": {"application/json": {"schema": {
                "oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}}]}}},
                "description": "marsad.doc/1 record(s) with text, or raw articles {id, text, title?, published?, "
                               "outlet?} which are analysed first"}
        paths.setdefault(r.pattern, {})[r.method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": "Marsad observatory API", "version": __version__,
                 "description": "Coded Arabic news articles, events, actors and places (marsad.doc/1). "
                                "Lists are paginated with limit/offset and return {items, total, limit, "
                                "offset, next}. Errors are {error: {code, status, message}}."},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer",
                                                     "description": "the MARSAD_TOKEN of the server"}}},
    }
