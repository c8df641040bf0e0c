"""Schemathesis against the app's own OpenAPI schema: generated requests never get a 500, and
every answer (errors too) has the status, content type and shape the schema declares."""
from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings

from api.app import create_app
from api.routes.deps import Settings

EXAMPLES_PER_OPERATION = 25


@pytest.fixture(scope="module")
def contract(data_dir: Path) -> schemathesis.schemas.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(data_dir=data_dir, admin_token="t")))


schema = schemathesis.pytest.from_fixture("contract")


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_request_breaks_the_contract(case: schemathesis.Case) -> None:
    case.call_and_validate()
