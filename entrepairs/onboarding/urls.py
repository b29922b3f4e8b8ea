from django.urls import path

from .views import dashboard as views_dashboard
from .views import journeys as views_journeys
from .views import kit as views_kit
from .views import me as views_me
from .views import templates as views_templates

app_name = "onboarding"
j = views_journeys
t = views_templates
urlpatterns = [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("reviews/", views_dashboard.process_reviews, name="process_reviews"),
    path(
        "reviews/<uuid:pk>/done/", views_dashboard.process_review_done, name="process_review_done"
    ),
    path("tasks/", views_me.my_tasks, name="my_tasks"),
    path("tasks/<uuid:pk>/toggle/", j.task_toggle, name="task_toggle"),
    path("kit/<uuid:pk>/toggle/", views_kit.kit_item_toggle, name="kit_item_toggle"),
    path("kit/link/<str:token>/", views_kit.kit_link, name="kit_link"),
    path("me/", views_me.my_journey, name="my_journey"),
    path(
        "people/<uuid:person_pk>/competencies/",
        views_me.person_competencies,
        name="person_competencies",
    ),
    path("templates/", t.template_list, name="templates"),
    path("templates/<uuid:pk>/", t.template_detail, name="template"),
    path("templates/<uuid:pk>/draft/", t.template_draft, name="template_draft"),
    path("versions/<uuid:vpk>/frames/", t.version_frames, name="version_frames"),
    path("versions/<uuid:vpk>/publish/", t.version_publish, name="version_publish"),
    path("versions/<uuid:vpk>/<str:kind>/add/", t.version_part_add, name="version_part_add"),
    path(
        "versions/<uuid:vpk>/<str:kind>/<uuid:part_pk>/delete/",
        t.version_part_delete,
        name="version_part_delete",
    ),
    path("setup/", t.setup, name="setup"),
    path("setup/contacts/<uuid:pk>/delete/", t.contact_delete, name="contact_delete"),
    path("journeys/", j.journey_list, name="journeys"),
    path("journeys/new/", j.journey_start, name="journey_start"),
    path("journeys/<uuid:pk>/", j.journey_detail, name="journey"),
    path("journeys/<uuid:pk>/tutor/", j.journey_assign_tutor, name="assign_tutor"),
    path("journeys/<uuid:pk>/kit/<uuid:item_pk>/", j.kit_toggle, name="kit_toggle"),
    path(
        "journeys/<uuid:pk>/introductions/<uuid:item_pk>/",
        j.introduction_toggle,
        name="introduction_toggle",
    ),
    path("journeys/<uuid:pk>/lunch/", j.first_lunch, name="first_lunch"),
    path("journeys/<uuid:pk>/phase/", j.set_phase, name="set_phase"),
    path("journeys/<uuid:pk>/observations/", j.observation_add, name="observation_add"),
    path("journeys/<uuid:pk>/shadowing/", j.shadowing_add, name="shadowing_add"),
    path("journeys/<uuid:pk>/feedback/", j.feedback_add, name="feedback_add"),
    path("journeys/<uuid:pk>/review/", j.closing_review, name="closing_review"),
    path("journeys/<uuid:pk>/close/", j.journey_close, name="journey_close"),
    path("journeys/<uuid:pk>/booklet.pdf", views_me.booklet, name="booklet"),
]
