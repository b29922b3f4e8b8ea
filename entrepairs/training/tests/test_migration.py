"""Moving training out of mentoring keeps every record: modules (their roles become
requirements), completions, programmes' required trainings, and the content types that
permissions and the audit log point to."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from entrepairs.organisations.models import Organisation
from entrepairs.people.models import Person

BEFORE = [("mentoring", "0001_initial"), ("training", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_it_keeps_every_training_record_through_the_move() -> None:
    org = Organisation.objects.create(name="Association", slug="association-migration")
    person = Person.objects.create(organisation=org, first_name="Ada", last_name="Trained")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    module = old.get_model("mentoring", "TrainingModule").objects.create(
        organisation_id=org.pk, name="Child protection", staff_roles=["coordinator", "tutor"]
    )
    old.get_model("mentoring", "TrainingCompletion").objects.create(
        module_id=module.pk, person_id=person.pk, completed_on=date(2026, 1, 5)
    )
    programme = old.get_model("mentoring", "Programme").objects.create(
        organisation_id=org.pk, name="Programme"
    )
    programme.required_trainings.add(module.pk)
    ContentType.objects.filter(app_label="training").delete()
    old_type, _ = ContentType.objects.get_or_create(app_label="mentoring", model="trainingmodule")
    permission = Permission.objects.create(
        content_type=old_type, codename="audit_trainingmodule", name="audit"
    )
    ContentType.objects.clear_cache()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    from entrepairs.mentoring.models import Programme
    from entrepairs.training.models import TrainingModule

    moved = TrainingModule.objects.get(pk=module.pk)
    assert sorted(moved.requirements.values_list("role", flat=True)) == ["coordinator", "tutor"]
    assert [(c.person_id, c.completed_on) for c in moved.completions.all()] == [
        (person.pk, date(2026, 1, 5))
    ]
    assert list(Programme.objects.get(pk=programme.pk).required_trainings.all()) == [moved]
    assert Permission.objects.get(pk=permission.pk).content_type.app_label == "training"
    assert ContentType.objects.get_for_model(TrainingModule).pk == old_type.pk
