"""The onboarding pages: journeys, templates and setup, everyone's own part, the dashboards."""
