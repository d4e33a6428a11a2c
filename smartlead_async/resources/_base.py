"""What every resource shares: access to the pipeline, nothing else."""

from __future__ import annotations

from smartlead_async._pipeline import Pipeline

__all__ = ["Resource"]


class Resource:
    """Base of ``client.<resource>`` namespaces. Methods only describe requests."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline
