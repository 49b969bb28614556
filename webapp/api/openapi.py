"""The OpenAPI 3.0 description of API v1; the test suite checks real responses against it."""
from __future__ import annotations

from essaycheck import __version__


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


EVIDENCE = {
    "type": "object",
    "required": ["source", "start", "end", "text"],
    "properties": {
        "source": {"type": "string", "description": "the source file's base name"},
        "title": {"type": "string", "description": "the source's title, as students know it"},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
        "text": {"type": "string", "nullable": True,
                 "description": "the source sentence (null in flag and point: it would give the answer)"},
    },
}

FINDING = {
    "type": "object",
    "required": ["criterion", "verdict", "kind", "start", "end", "claim", "expected", "message", "evidence"],
    "properties": {
        "criterion": {"type": "string", "enum": ["accuracy", "chronology", "coverage"]},
        "verdict": {"type": "string", "enum": ["supported", "contradicted", "unsupported"]},
        "kind": {"type": "string", "enum": ["date", "entity", "number", "order", "relative_date", "other"]},
        "start": {"type": "integer", "minimum": 0, "description": "offset of the claim in the essay (str index)"},
        "end": {"type": "integer", "minimum": 0},
        "claim": {"type": "string"},
        "expected": {"type": "string", "nullable": True, "description": "what the sources say (reveal mode)"},
        "message": {"type": "string"},
        "evidence": {"type": "array", "items": {"$ref": "#/components/schemas/Evidence"}},
        "fact": {"type": "string", "nullable": True},
        "reason": {"type": "string", "description": "the message's code, such as date.contradicted"},
        "hint": {"type": "string", "description": "the point-level message"},
    },
}

REPORT = {
    "type": "object",
    "required": ["schema", "essay", "findings", "coverage", "rubric"],
    "properties": {
        "schema": {"type": "string", "enum": ["essaycheck.report/1"]},
        "essay": {"type": "string", "nullable": True, "description": "the uploaded file's name, or null"},
        "assignment": {"type": "string"},
        "mode": {"type": "string", "enum": ["flag", "point", "reveal", "hint"]},
        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
        "coverage": {
            "type": "object",
            "required": ["score", "facts"],
            "properties": {
                "score": {"type": "number", "minimum": 0, "maximum": 1},
                "key_facts": {"type": "integer"},
                "covered_key_facts": {"type": "integer"},
                "facts": {"type": "array", "items": {
                    "type": "object",
                    "required": ["id", "summary", "key", "covered", "essay_spans", "evidence"],
                    "properties": {
                        "id": {"type": "string"},
                        "summary": {"type": "string"},
                        "key": {"type": "boolean"},
                        "covered": {"type": "boolean"},
                        "essay_spans": {"type": "array", "items": {
                            "type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}},
                        "date": {"type": "string", "nullable": True},
                        "prompt": {"type": "string", "nullable": True,
                                   "description": "the fact as a question, for the levels that do not reveal"},
                        "evidence": {"type": "array", "items": {"$ref": "#/components/schemas/Evidence"}},
                    },
                }},
            },
        },
        "rubric": {
            "type": "object",
            "required": ["criteria", "total", "max"],
            "properties": {
                "title": {"type": "string"},
                "criteria": {"type": "array", "items": {
                    "type": "object",
                    "required": ["name", "score", "max", "level", "feedback"],
                    "properties": {
                        "name": {"type": "string"},
                        "title": {"type": "string"},
                        "score": {"type": "number"},
                        "max": {"type": "number"},
                        "weight": {"type": "number"},
                        "level": {"type": "string"},
                        "descriptor": {"type": "string"},
                        "feedback": {"type": "string"},
                    },
                }},
                "total": {"type": "number"},
                "max": {"type": "number"},
            },
        },
        "timeline": {"type": "object"},
    },
}


def document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "essaycheck API", "version": f"1 ({__version__})",
                 "description": "Check a history essay against an assignment's source documents. "
                                "Reports follow the schema essaycheck.report/1."},
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/assignments": {"get": {
                "operationId": "listAssignments",
                "summary": "The assignments this server can check essays against",
                "description": "The built-in assignments; with `code`, also the class assignment a teacher "
                               "published under that code (its id is the code).",
                "parameters": [{"name": "code", "in": "query", "required": False,
                                "description": "a class code, such as K7M2QX", "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "the assignments", "content": {"application/json": {"schema": {
                        "type": "object", "required": ["assignments"],
                        "properties": {"assignments": {"type": "array", "items": {
                            "type": "object", "required": ["id", "title", "mode"],
                            "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                                           "mode": {"type": "string", "enum": ["flag", "point", "reveal", "hint"]},
                                           "modes": {"type": "array", "items": {
                                               "type": "string", "enum": ["flag", "point", "reveal"]}}}}}}}}}},
                    "404": _error("no published class assignment has that code"),
                    "429": _error("too many codes tried"),
                },
            }},
            "/api/v1/check": {"post": {
                "operationId": "checkEssay",
                "summary": "Check one essay, sent as JSON text or as an uploaded file",
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {
                        "type": "object", "required": ["assignment", "essay"],
                        "properties": {"assignment": {"type": "string", "minLength": 1},
                                       "essay": {"type": "string", "maxLength": 60000, "pattern": "\\S",
                                                 "description": "the essay text (not only white space)"},
                                       "mode": {"type": "string", "enum": ["flag", "point", "reveal", "hint"]}}}},
                    "multipart/form-data": {"schema": {
                        "type": "object", "required": ["assignment", "file"],
                        "properties": {"assignment": {"type": "string", "minLength": 1},
                                       "file": {"type": "string", "format": "binary",
                                                "description": ".txt (UTF-8), .docx or .pdf"},
                                       "mode": {"type": "string", "enum": ["flag", "point", "reveal", "hint"]}}}},
                }},
                "responses": {
                    "200": {"description": "the report",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
                    "400": _error("malformed request: bad JSON, a missing field, a mode the assignment does not allow"),
                    "404": _error("unknown assignment"),
                    "413": _error("the upload or the essay is too large"),
                    "415": _error("unsupported content type or file type"),
                    "422": _error("the essay is empty or cannot be read (not UTF-8, broken file)"),
                    "429": _error("too many requests"),
                },
            }},
            "/api/v1/openapi.json": {"get": {
                "operationId": "openapi", "summary": "This document",
                "responses": {"200": {"description": "the OpenAPI document",
                                      "content": {"application/json": {"schema": {"type": "object"}}}}},
            }},
        },
        "components": {"schemas": {
            "Report": REPORT, "Finding": FINDING, "Evidence": EVIDENCE,
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                "type": "object", "required": ["code", "message"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
        }},
    }
