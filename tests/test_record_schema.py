"""schema/record.schema.json: the JSON Schema of a record, generated from the
Record dataclass, and what `tracker scan --format jsonl` prints held against it."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.records import FIELDS, KINDS, MODALITIES
from tracker.recordschema import record_schema, schema_text

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "schema" / "record.schema.json"

# The contract's fields (../shared/spec/records.md), in its order: every record has them all.
CONTRACT = ["doc", "sentence", "start", "end", "kind", "actor", "actor_text", "actor_group", "target", "target_text",
            "content", "speaker", "modality", "condition", "when", "rule"]

# One sentence per line; together they give every kind and every modality.
CONSTRUCTED = "\n".join([
    "The US accused China of dumping steel.",                     # accusation, asserted
    "Germany did not accuse Russia of cheating.",                 # accusation, negated
    "If Congress approves, the US will lift sanctions on Iran.",  # commitment, conditional
    "Japan might cut tariffs on rice.",                           # commitment, hedged
    "Shareholders approved the merger.",                          # approval, asserted
    "The deal is subject to approval by regulators.",             # approval, pending
    "Analysts said the dollar will fall.",                        # claim, asserted
]) + "\n"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SHIPPED.read_text(encoding="utf-8")))


def scan_jsonl(*args: str, input: str | None = None) -> list[dict]:
    result = CliRunner().invoke(main, ["scan", *args, "--format", "jsonl"], input=input)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def errors(validator: jsonschema.Draft202012Validator, record: dict) -> list[str]:
    return [e.message for e in validator.iter_errors(record)]


def test_shipped_schema_is_the_generated_one():
    """schema/record.schema.json is generated: `python -m tracker.recordschema > schema/record.schema.json`."""
    assert SHIPPED.read_text(encoding="utf-8") == schema_text()


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(record_schema())


def test_schema_requires_the_contract_fields_and_types_every_record_field():
    schema = record_schema()
    assert schema["required"] == CONTRACT
    assert list(schema["properties"]) == list(FIELDS)
    assert schema["properties"]["kind"]["enum"] == list(KINDS)
    assert schema["properties"]["modality"]["enum"] == list(MODALITIES)
    assert schema["additionalProperties"] is True
    assert all(p.get("description") for p in schema["properties"].values())


def test_seed_jsonl_validates(validator):
    records = scan_jsonl(str(REPO / "seeds"))
    assert records
    for rec in records:
        assert errors(validator, rec) == [], rec
        assert list(rec) == list(FIELDS)  # tracker writes its extras too, after the contract's fields


def test_constructed_sentences_cover_every_kind_and_modality_and_validate(validator):
    records = scan_jsonl("-", input=CONSTRUCTED)
    assert {r["kind"] for r in records} == set(KINDS)
    assert {r["modality"] for r in records} == set(MODALITIES)
    for rec in records:
        assert errors(validator, rec) == [], rec


@pytest.fixture(scope="module")
def good() -> dict:
    return scan_jsonl("-", input="The US accused China of dumping steel.\n")[0]


@pytest.mark.parametrize("change, complaint", [
    ({"kind": "threat"}, "'threat' is not one of"),
    ({"modality": "likely"}, "'likely' is not one of"),
    ({"start": "0"}, "'0' is not of type 'integer'"),
    ({"end": -1}, "-1 is less than the minimum of 0"),
    ({"actor": None}, "None is not of type 'string'"),
    ({"rule": "accused-of"}, "does not match"),
])
def test_schema_refuses_a_wrong_value(validator, good, change, complaint):
    problems = errors(validator, {**good, **change})
    assert len(problems) == 1 and complaint in problems[0]


def test_schema_refuses_a_missing_contract_field_and_allows_extra_ones(validator, good):
    assert errors(validator, {k: v for k, v in good.items() if k != "when"}) == ["'when' is a required property"]
    without_extras = {k: v for k, v in good.items() if k in CONTRACT}
    assert errors(validator, {**without_extras, "score": 0.9}) == []
