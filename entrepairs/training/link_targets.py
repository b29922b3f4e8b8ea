"""Who may open the training pages notifications link to (core.link_access; from ready())."""

from entrepairs.core.link_access import link_target


def register() -> None:
    link_target("training:compliance", perm="training.view_trainingcompletion")
