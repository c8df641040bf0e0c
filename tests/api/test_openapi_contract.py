"""Schemathesis against the app's own OpenAPI schema: generated requests, valid and invalid, never
get a 500, and every answer (errors too) has the status, content type and shape it declares."""
from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings

from api.app import create_app
from api.routes.deps import Settings

EXAMPLES_PER_OPERATION = 25

# The schema is read when this module is imported; the index it answers from is the session's,
# set below before any request (each call opens the app's lifespan, which opens the index).
APP = create_app(Settings(data_dir=Path("not-yet-set"), admin_token="contract-token"))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(autouse=True, scope="module")
def served_index(data_dir: Path) -> None:
    APP.state.settings = Settings(data_dir=data_dir, admin_token="contract-token")


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_request_breaks_the_contract(case: schemathesis.Case) -> None:
    # A request can satisfy the schema and still be refused with a 422 naming the parameter: the
    # query model's rules across parameters (year_from after year_to) are not expressible in it.
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
