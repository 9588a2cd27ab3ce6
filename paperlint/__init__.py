__version__ = "0.1.0"

__all__ = ["Report", "__version__", "lint"]


def __getattr__(name):
    # the API is imported on first use, so that `paperlint rules` and the hook pay nothing for it
    if name in ("lint", "Report"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'paperlint' has no attribute {name!r}")
