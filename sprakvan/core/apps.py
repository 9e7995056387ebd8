import gc

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sprakvan.core"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the production checks)

        # Every app's models are loaded now (Django calls ready() after importing them all): the
        # hundred thousand objects of the start-up live as long as the process. Frozen, the
        # collector no longer walks them in each full collection of the process, which cost
        # manage.py check about a sixth of its CPU (bench/startup.py); manage.py turns the
        # collector off while they are made, and it is turned on again here.
        gc.freeze()
        gc.enable()
