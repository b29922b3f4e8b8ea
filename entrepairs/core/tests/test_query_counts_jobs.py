"""The background jobs page and API read a bounded number of queries, whatever the jobs."""

from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from entrepairs.core.tests.test_jobs_page import failed_jobs

pytestmark = pytest.mark.django_db

QUERY_COUNTED = {"jobs:list", "job-list"}


def test_the_page_reads_a_bounded_number_of_queries(
    world: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(world.admin)
    api = APIClient()
    api.force_login(world.admin, backend="django.contrib.auth.backends.ModelBackend")
    failed_jobs(3)
    with django_assert_max_num_queries(12) as page:
        client.get(reverse("jobs:list"))
    with django_assert_max_num_queries(12) as listed:
        api.get("/api/v1/jobs/")
    failed_jobs(30)
    with django_assert_max_num_queries(len(page.captured_queries)):
        client.get(reverse("jobs:list"))
    with django_assert_max_num_queries(len(listed.captured_queries)):
        api.get("/api/v1/jobs/")
