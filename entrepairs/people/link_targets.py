"""Who may open the people pages notifications link to (core.link_access; from ready())."""

from typing import Any

from entrepairs.core.link_access import link_target


def register() -> None:
    from .models import ImportRun

    def runs(user: Any) -> Any:
        return ImportRun.objects.all()

    # The view shows a run to whom the permission allows (people.selectors.get_import_run_for).
    link_target("people:import_run", runs, perm="people.view_importrun")
