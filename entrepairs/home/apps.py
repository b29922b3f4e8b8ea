from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The signed-in person's landing page, which gathers what the domain apps have for them."""

    name = "entrepairs.home"
    label = "home"
